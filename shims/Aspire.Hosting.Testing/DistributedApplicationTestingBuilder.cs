using System.Reflection;
using Aspire.Hosting.Local;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Aspire.Hosting.Testing;

/// <summary>An AppHost's builder, captured for a test: change it, then BuildAsync.</summary>
public interface IDistributedApplicationTestingBuilder : IDistributedApplicationBuilder, IAsyncDisposable
{
    Task<DistributedApplication> BuildAsync(CancellationToken cancellationToken = default);
}

/// <summary>
/// Runs an AppHost's Program until it calls Build(), takes its builder, and gives it free ports, a private temporary
/// state directory (deleted on dispose) and quiet consoles. Create() gives an empty builder for tests that only
/// need AddPostgres/AddRedis.
/// </summary>
public static class DistributedApplicationTestingBuilder
{
    public static Task<IDistributedApplicationTestingBuilder> CreateAsync<TEntryPoint>(CancellationToken cancellationToken = default) where TEntryPoint : class =>
        CreateAsync<TEntryPoint>([], cancellationToken);

    public static async Task<IDistributedApplicationTestingBuilder> CreateAsync<TEntryPoint>(string[] args, CancellationToken cancellationToken = default)
        where TEntryPoint : class
    {
        var entryPoint = typeof(TEntryPoint).Assembly.EntryPoint
            ?? throw new InvalidOperationException($"{typeof(TEntryPoint).Assembly.GetName().Name} has no entry point.");
        var stateDirectory = NewStateDirectory();
        var captured = new TaskCompletionSource<DistributedApplicationBuilder>(TaskCreationOptions.RunContinuationsAsynchronously);

        var main = Task.Run(async () =>
        {
            TestingHook.ConfigurationOverrides = TestingConfiguration(stateDirectory);
            TestingHook.Current = builder => { captured.TrySetResult(builder); throw new BuilderCapturedException(); };
            try
            {
                var result = entryPoint.Invoke(null, entryPoint.GetParameters().Length == 0 ? [] : [args]);
                if (result is Task task) await task;
                captured.TrySetException(new InvalidOperationException("The AppHost's Program returned without calling Build()."));
            }
            catch (Exception e) when (Unwrap(e) is BuilderCapturedException) { }
            catch (Exception e) { captured.TrySetException(Unwrap(e)); }
        }, cancellationToken);

        var builder = await captured.Task.WaitAsync(TimeSpan.FromSeconds(60), cancellationToken);
        await main;
        return new TestingBuilder(builder, stateDirectory);
    }

    /// <summary>An empty AppHost (no Program): add resources, build, start.</summary>
    public static IDistributedApplicationTestingBuilder Create(params string[] args)
    {
        var stateDirectory = NewStateDirectory();
        var builder = new DistributedApplicationBuilder(new DistributedApplicationOptions { Args = args }, TestingConfiguration(stateDirectory));
        return new TestingBuilder(builder, stateDirectory);
    }

    private static Exception Unwrap(Exception e) => e is TargetInvocationException { InnerException: { } inner } ? inner : e;

    private const string StatePrefix = "aisales-test-";

    // Once per test process: directories left by earlier runs whose process died before cleaning up (e.g. a killed
    // test host). Only directories this code marked with an owner file are candidates, and only when that owner is gone.
    private static readonly Lazy<IReadOnlyList<string>> Sweep = new(() => StateDirectoryCleanup.SweepStale(Path.GetTempPath(), StatePrefix));

    private static string NewStateDirectory()
    {
        _ = Sweep.Value;
        var dir = Directory.CreateTempSubdirectory(StatePrefix).FullName;
        StateDirectoryCleanup.WriteOwner(dir);
        return dir;
    }

    private static Dictionary<string, string?> TestingConfiguration(string stateDirectory) => new()
    {
        ["AppHost:StateDirectory"] = stateDirectory,
        ["AppHost:RandomizePorts"] = "true",
        ["AppHost:EchoResourceLogs"] = "false",
        ["AppHost:ShowStatus"] = "false",
        // A test's private servers never reuse the developer's external servers.
        ["ConnectionStrings:aisales"] = null,
        ["ConnectionStrings:redis"] = null,
        ["DOTNET_ENVIRONMENT"] = "Development",
    };

    private sealed class TestingBuilder(DistributedApplicationBuilder inner, string stateDirectory) : IDistributedApplicationTestingBuilder
    {
        private DistributedApplication? _app;

        public ConfigurationManager Configuration => inner.Configuration;
        public IHostEnvironment Environment => inner.Environment;
        public IServiceCollection Services => inner.Services;
        public IResourceCollection Resources => inner.Resources;
        public string AppHostDirectory => inner.AppHostDirectory;
        public IResourceBuilder<T> AddResource<T>(T resource) where T : IResource => inner.AddResource(resource);
        public IResourceBuilder<T> CreateResourceBuilder<T>(T resource) where T : IResource => inner.CreateResourceBuilder(resource);

        public DistributedApplication Build()
        {
            _app = inner.BuildCore();
            _app.TestStateDirectory = stateDirectory;
            return _app;
        }

        public Task<DistributedApplication> BuildAsync(CancellationToken cancellationToken = default) => Task.FromResult(Build());

        public async ValueTask DisposeAsync()
        {
            if (_app is not null) await _app.DisposeAsync();
            else TryDelete(stateDirectory);
        }
    }

    internal static void TryDelete(string dir) => StateDirectoryCleanup.Remove(dir, TimeSpan.Zero);
}
