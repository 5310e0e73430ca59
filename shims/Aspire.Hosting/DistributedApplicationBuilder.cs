using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Local;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;

namespace Aspire.Hosting;

/// <summary>
/// Shim configuration keys (all optional):
/// AppHost:StateDirectory (default &lt;solution root&gt;/.aisales), AppHost:RandomizePorts, AppHost:BinarySearchPath,
/// AppHost:InstallMissing, AppHost:EchoResourceLogs, AppHost:ShowStatus, AppHost:StopTimeout (default 00:01:00, above the sum of every resource's own stop-then-kill limits),
/// Ports:&lt;resource&gt;, Parameters:&lt;name&gt;-password.
/// </summary>
internal sealed class DistributedApplicationBuilder : IDistributedApplicationBuilder
{
    public DistributedApplicationBuilder(DistributedApplicationOptions options, IReadOnlyDictionary<string, string?>? overrides = null)
    {
        Configuration = new ConfigurationManager();
        Configuration.AddEnvironmentVariables();
        if (options.Args is { Length: > 0 } args) Configuration.AddCommandLine(args);
        if (overrides is not null) Configuration.AddInMemoryCollection(overrides);

        var contentRoot = FindAppHostDirectory();
        var environmentName = Configuration["DOTNET_ENVIRONMENT"] ?? Configuration["ASPNETCORE_ENVIRONMENT"] ?? Environments.Development;
        Environment = new HostingEnvironment
        {
            ApplicationName = System.Reflection.Assembly.GetEntryAssembly()?.GetName().Name ?? "AppHost",
            EnvironmentName = environmentName,
            ContentRootPath = contentRoot,
            ContentRootFileProvider = new NullFileProvider(),
        };
        AppHostDirectory = contentRoot;
        Configuration["AppHost:StateDirectory"] ??= Path.Combine(SolutionRoot(contentRoot), ".aisales");
    }

    public ConfigurationManager Configuration { get; }
    public IHostEnvironment Environment { get; }
    public IServiceCollection Services { get; } = new ServiceCollection();
    public IResourceCollection Resources { get; } = new ResourceCollection();
    public string AppHostDirectory { get; }

    internal string StateDirectory => Configuration["AppHost:StateDirectory"]!;

    public IResourceBuilder<T> AddResource<T>(T resource) where T : IResource
    {
        if (Resources.Any(r => string.Equals(r.Name, resource.Name, StringComparison.OrdinalIgnoreCase)))
            throw new InvalidOperationException($"A resource named '{resource.Name}' already exists.");
        Resources.Add(resource);
        return new ResourceBuilder<T>(this, resource);
    }

    public IResourceBuilder<T> CreateResourceBuilder<T>(T resource) where T : IResource => new ResourceBuilder<T>(this, resource);

    public DistributedApplication Build()
    {
        // Under DistributedApplicationTestingBuilder the AppHost's Program stops here and hands its builder to the test.
        TestingHook.Current?.Invoke(this);
        return BuildCore();
    }

    internal DistributedApplication BuildCore() => new(this);

    /// <summary>Port for a resource: Ports:&lt;name&gt; config, else the declared default if free, else any free port.</summary>
    internal static int AllocatePort(IDistributedApplicationBuilder builder, string resourceName, int? preferred)
    {
        var configuration = builder.Configuration;
        if (configuration.GetValue<bool>("AppHost:RandomizePorts")) return FreePort.Next();
        if (configuration[$"Ports:{resourceName}"] is { } configured && int.TryParse(configured, out var p)) return p;
        return preferred is { } d && FreePort.IsFree(d) ? d : FreePort.Next();
    }

    private static string FindAppHostDirectory()
    {
        // `dotnet run` starts in the project directory; a built exe knows its project through the bin/ layout.
        var cwd = Directory.GetCurrentDirectory();
        if (Directory.EnumerateFiles(cwd, "*.csproj").Any()) return cwd;
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        for (var d = dir; d is not null; d = d.Parent)
            if (d.EnumerateFiles("*.csproj").Any()) return d.FullName;
        return cwd;
    }

    private static string SolutionRoot(string start)
    {
        for (var d = new DirectoryInfo(start); d is not null; d = d.Parent)
            if (d.EnumerateFiles("*.sln").Any() || d.EnumerateFiles("*.slnx").Any()) return d.FullName;
        return start;
    }
}

/// <summary>Lets the testing builder capture the AppHost's builder at Build() (like HostFactoryResolver does).</summary>
internal static class TestingHook
{
    private static readonly AsyncLocal<Action<DistributedApplicationBuilder>?> Hook = new();
    private static readonly AsyncLocal<IReadOnlyDictionary<string, string?>?> Overrides = new();

    public static Action<DistributedApplicationBuilder>? Current { get => Hook.Value; set => Hook.Value = value; }
    public static IReadOnlyDictionary<string, string?>? ConfigurationOverrides { get => Overrides.Value; set => Overrides.Value = value; }
}

/// <summary>Thrown by Build() under the testing hook to unwind the AppHost's Main once its builder is captured.</summary>
internal sealed class BuilderCapturedException : Exception;
