using System.Runtime.InteropServices;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Local;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Aspire.Hosting;

/// <summary>
/// The running AppHost: Postgres and Redis as local processes, projects as `dotnet &lt;dll&gt;` processes.
/// </summary>
public sealed class DistributedApplication : IHost, IAsyncDisposable
{
    private readonly DistributedApplicationBuilder _builder;
    private readonly ServiceProvider _services;
    private readonly ConsoleReporter _reporter;
    private readonly Orchestrator _orchestrator;
    private readonly ResourcesFile? _resourcesFile;
    private readonly TimeSpan _stopTimeout;
    private int _started, _stopped;

    internal DistributedApplication(DistributedApplicationBuilder builder)
    {
        _builder = builder;
        var config = builder.Configuration;
        var state = builder.StateDirectory;
        Directory.CreateDirectory(state);
        _reporter = new ConsoleReporter(Path.Combine(state, "logs"), config.GetValue("AppHost:EchoResourceLogs", true), config.GetValue("AppHost:ShowStatus", true));
        builder.Services.AddSingleton<ResourceNotificationService>();
        _services = builder.Services.BuildServiceProvider();
        _stopTimeout = config.GetValue("AppHost:StopTimeout", TimeSpan.FromSeconds(60));
        ResourceNotifications = _services.GetRequiredService<ResourceNotificationService>();

        var binaries = new BinaryLocator(config, _reporter);
        var env = System.Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string?)e.Value, StringComparer.Ordinal);
        var runners = new List<(Resource, IResourceRunner)>();
        foreach (var resource in builder.Resources.OfType<Resource>())
        {
            IResourceRunner? runner = resource switch
            {
                PostgresServerResource pg => new PostgresRunner(pg, state, binaries, _reporter),
                PostgresDatabaseResource db => new PostgresDatabaseRunner(db),
                RedisResource redis => new RedisRunner(redis, state, binaries, _reporter),
                ProjectResource project => new ProjectRunner(project, env, _reporter),
                _ => null,
            };
            if (runner is not null) runners.Add((resource, runner));
        }
        _orchestrator = new Orchestrator(runners, ResourceNotifications, _reporter);

        if (builder.Environment.IsDevelopment())
            _resourcesFile = new ResourcesFile(Path.Combine(state, "resources.json"),
                () => builder.Resources.OfType<IResourceWithConnectionString>().Where(r => r is not PostgresServerResource),
                _services.GetServices<ResourcesFileSection>());
        ResourceNotifications.Changed += snapshot =>
        {
            var all = ResourceNotifications.Snapshots;
            _reporter.Changed(snapshot, all);
            if (Volatile.Read(ref _stopped) == 0) _resourcesFile?.Write(all);
        };
    }

    public static IDistributedApplicationBuilder CreateBuilder() => CreateBuilder(new DistributedApplicationOptions());

    public static IDistributedApplicationBuilder CreateBuilder(string[] args) => CreateBuilder(new DistributedApplicationOptions { Args = args });

    public static IDistributedApplicationBuilder CreateBuilder(DistributedApplicationOptions options) =>
        new DistributedApplicationBuilder(options, TestingHook.ConfigurationOverrides);

    public IServiceProvider Services => _services;

    public ResourceNotificationService ResourceNotifications { get; }

    internal IDistributedApplicationBuilder Builder => _builder;

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _started, 1) == 1) return;
        _reporter.Info($"state directory {_builder.StateDirectory}");
        await _orchestrator.StartAsync(cancellationToken);
    }

    /// <summary>
    /// Stops every resource in order, bounded by AppHost:StopTimeout (60 s). A stop that overruns it (or is cancelled:
    /// no longer graceful) is an error: it is logged naming the resources still up, they are killed, and the stop
    /// throws (<see cref="TimeoutException"/>, or the cancellation) so a hung stop never passes silently.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1) return;
        _reporter.Info("stopping");
        try
        {
            await _orchestrator.StopAsync().WaitAsync(_stopTimeout, cancellationToken);
        }
        catch (Exception e) when (e is TimeoutException || (e is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            var up = ResourceNotifications.Snapshots.Where(r => r.State != KnownResourceStates.Exited).Select(r => $"{r.Name} ({r.State})").ToList();
            var what = e is TimeoutException
                ? $"the AppHost did not stop within {_stopTimeout.TotalSeconds:0.###} s (AppHost:StopTimeout)"
                : "the AppHost's stop was cancelled before it finished";
            var message = $"{what}; still up: {(up.Count > 0 ? string.Join(", ", up) : "none reported")}; killed what was left";
            _reporter.Error(message);
            _orchestrator.KillAll();
            if (e is TimeoutException) throw new TimeoutException(message, e);
            throw;
        }
        finally
        {
            _resourcesFile?.Delete();
        }
    }

    /// <summary>Starts everything and runs until Ctrl+C / SIGTERM, then stops in order. A missing binary ends the run with one clear message.</summary>
    public async Task RunAsync(CancellationToken cancellationToken = default)
    {
        var stop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnSignal(PosixSignalContext ctx) { ctx.Cancel = true; stop.TrySetResult(); }
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        using var reg = cancellationToken.Register(() => stop.TrySetResult());
        try
        {
            await StartAsync(cancellationToken);
        }
        catch (MissingPrerequisiteException e)
        {
            Console.Error.WriteLine(e.Message);
            await StopForExitAsync();
            System.Environment.ExitCode = 1;
            return;
        }
        await stop.Task;
        await StopForExitAsync();
    }

    /// <summary>
    /// The run's own stop, at process exit: a stop that overran has already been logged as an error and what was left
    /// killed (<see cref="StopAsync"/>); the exit code says so, instead of an unhandled exception's stack trace.
    /// </summary>
    private async Task StopForExitAsync()
    {
        try { await StopAsync(CancellationToken.None); }
        catch (TimeoutException) { System.Environment.ExitCode = 1; }
    }

    public void Run() => RunAsync().GetAwaiter().GetResult();

    /// <summary>
    /// For AppDomain.ProcessExit: the host may be torn down within a second or two, so kill every process group
    /// synchronously instead of stopping in order (used for throwaway test servers).
    /// </summary>
    internal void KillNow()
    {
        Interlocked.Exchange(ref _stopped, 1);
        _orchestrator.KillAll();
        _resourcesFile?.Delete();
        // Short bound: the test host gives ProcessExit little time; whatever is left the next run's sweep removes.
        if (TestStateDirectory is { } dir) StateDirectoryCleanup.Remove(dir, TimeSpan.FromSeconds(2));
    }

    /// <summary>Set by the testing builder: a temporary state directory removed on dispose.</summary>
    internal string? TestStateDirectory { get; set; }

    /// <summary>
    /// Stops (if not stopped yet), releases the consoles and services and removes a test state directory, then rethrows
    /// a stop that overran (<see cref="StopAsync"/>): cleanup always happens, and a hung stop still fails the caller.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync(CancellationToken.None);
        }
        finally
        {
            _reporter.Dispose();
            await _services.DisposeAsync();
            // Postgres runs as another user and may still be flushing as it exits: removal waits for it (bounded).
            if (TestStateDirectory is { } dir) await Task.Run(() => StateDirectoryCleanup.Remove(dir, TimeSpan.FromSeconds(15)));
        }
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();
}
