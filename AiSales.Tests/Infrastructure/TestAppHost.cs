using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace AiSales.Tests.Infrastructure;

/// <summary>
/// An AppHost under Aspire.Hosting.Testing with a state directory of its own (secrets, server data, resources.json),
/// free ports and the machine's own Postgres and Redis binaries, so tests run side by side on any machine. Change
/// <see cref="Builder"/>, then <see cref="StartAsync"/>; disposing stops every resource (DCP included) and removes the
/// directory. Directories left by a killed test host are swept on the next run.
/// </summary>
public sealed class TestAppHost : IAsyncDisposable
{
    private const string StatePrefix = "aisales-test-";
    private static readonly Lazy<IReadOnlyList<string>> Sweep = new(() => StateDirectoryCleanup.SweepStale(Path.GetTempPath(), StatePrefix));

    private DistributedApplication? _app;

    private TestAppHost(IDistributedApplicationTestingBuilder builder, string stateDirectory)
    {
        Builder = builder;
        StateDirectory = stateDirectory;
    }

    public IDistributedApplicationTestingBuilder Builder { get; }

    public string StateDirectory { get; }

    public DistributedApplication App => _app ?? throw new InvalidOperationException("StartAsync first.");

    /// <summary>The whole AiSales AppHost (its Program.cs), with <paramref name="settings"/> as extra command-line settings
    /// (e.g. "--AppHost:WorkerReplicas=2").</summary>
    public static async Task<TestAppHost> CreateAsync(CancellationToken ct, params string[] settings)
    {
        var state = NewStateDirectory();
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AiSales_AppHost>([.. Args(state), .. settings], ct);
        return new TestAppHost(builder, state);
    }

    /// <summary>An empty AppHost to add resources to.</summary>
    public static TestAppHost CreateEmpty()
    {
        var state = NewStateDirectory();
        return new TestAppHost(DistributedApplicationTestingBuilder.Create(Args(state)), state);
    }

    public async Task<DistributedApplication> StartAsync(CancellationToken ct)
    {
        _app = await Builder.BuildAsync(ct);
        await _app.StartAsync(ct);
        return _app;
    }

    /// <summary>
    /// Waits until every named resource is healthy. A resource that fails to start fails the wait with what is needed to
    /// see why on a CI machine whose state directory is gone afterwards: each resource's state and exit code and the last
    /// lines of every log file the AppHost wrote (the services' console output, DCP's launch errors included).
    /// </summary>
    public async Task WaitForHealthyAsync(CancellationToken ct, params string[] resources)
    {
        foreach (var name in resources)
        {
            try
            {
                await App.ResourceNotifications.WaitForResourceHealthyAsync(name, ct);
            }
            catch (Exception ex)
            {
                throw new InvalidOperationException($"Resource '{name}' did not become healthy: {ex.Message}\n{Diagnostics()}", ex);
            }
        }
    }

    private string Diagnostics()
    {
        var report = new System.Text.StringBuilder();
        foreach (var resource in App.Services.GetRequiredService<DistributedApplicationModel>().Resources)
            if (App.ResourceNotifications.TryGetCurrentState(resource.Name, out var e))
                report.AppendLine($"  {resource.Name}: {e.Snapshot.State?.Text ?? "?"}" + (e.Snapshot.ExitCode is { } code ? $" (exit code {code})" : ""));
        var logs = Path.Combine(StateDirectory, "logs");
        if (Directory.Exists(logs))
            foreach (var file in Directory.EnumerateFiles(logs, "*.log").Order())
            {
                string[] lines;
                try { lines = File.ReadAllLines(file); } catch (IOException) { continue; }
                report.AppendLine($"--- {Path.GetFileName(file)} (last 25 of {lines.Length} lines)");
                foreach (var line in lines.TakeLast(25)) report.AppendLine(line);
            }
        return report.ToString();
    }

    /// <summary>The pid of the process doing a resource's work (not its <c>dotnet run</c> or shell launcher's).</summary>
    public int? Pid(string resource) =>
        App.ResourceNotifications.TryGetCurrentState(resource, out var e)
        && e.Snapshot.Properties.FirstOrDefault(p => p.Name == "executable.pid")?.Value is int pid and > 0
            ? AiSales.AppHost.State.ServiceProcess.Resolve(pid)
            : null;

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_app is not null) await _app.DisposeAsync();
            await Builder.DisposeAsync();
        }
        finally
        {
            StateDirectoryCleanup.Remove(StateDirectory, TimeSpan.FromSeconds(15));
        }
    }

    private static string[] Args(string state) =>
    [
        $"--AppHost:StateDirectory={state}",
        "--environment=Development",
        // The demo shop without its campaign leads and orders: the whole-app tests count the demo's contacts and orders.
        "--Demo:Campaigns=false",
        // A test's servers are its own, even on a machine with a container engine or a developer's ConnectionStrings.
        "--AppHost:DataServices=local",
        "--ConnectionStrings:aisales=",
        "--ConnectionStrings:redis=",
    ];

    private static string NewStateDirectory()
    {
        _ = Sweep.Value;
        var dir = Directory.CreateTempSubdirectory(StatePrefix).FullName;
        StateDirectoryCleanup.WriteOwner(dir);
        return dir;
    }
}
