using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Wolverine.Postgresql;
using Wolverine.Runtime;

namespace Wolverine;

public static class WolverineHostingExtensions
{
    /// <summary><c>builder.Host.UseWolverine(opts => ...)</c>.</summary>
    public static IHostBuilder UseWolverine(this IHostBuilder host, Action<WolverineOptions>? configure = null) =>
        host.ConfigureServices(services => services.AddWolverine(configure));

    /// <summary><c>builder.UseWolverine(opts => ...)</c> for Host.CreateApplicationBuilder / WebApplication builders.</summary>
    public static IHostApplicationBuilder UseWolverine(this IHostApplicationBuilder builder, Action<WolverineOptions>? configure = null)
    {
        builder.Services.AddWolverine(configure);
        return builder;
    }

    /// <summary><c>builder.Services.AddWolverine(opts => ...)</c>.</summary>
    public static IServiceCollection AddWolverine(this IServiceCollection services, Action<WolverineOptions>? configure = null)
    {
        if (services.Any(d => d.ServiceType == typeof(WolverineOptions)))
            throw new InvalidOperationException("AddWolverine/UseWolverine was called twice.");
        var options = new WolverineOptions();
        configure?.Invoke(options);

        services.AddMetrics();
        services.AddSingleton(options);
        services.AddSingleton(new HandlerGraph(options)); // discovery + compilation once, at registration
        services.AddSingleton<MessageTracker>();
        services.AddSingleton<WolverineInstrumentation>();
        services.AddSingleton<WolverineRuntime>();
        services.AddSingleton<MessageExecutor>();
        services.AddScoped<MessageContext>(sp => new MessageContext(sp.GetRequiredService<WolverineRuntime>(), sp.GetRequiredService<MessageExecutor>()));
        services.AddScoped<IMessageBus>(sp => sp.GetRequiredService<MessageContext>());
        services.AddScoped<IMessageContext>(sp => sp.GetRequiredService<MessageContext>());
        services.AddSingleton<IPostgresqlOutbox, PostgresqlOutbox>();
        services.AddSingleton<IDeadLetters>(sp => new DeadLetters(sp.GetRequiredService<WolverineRuntime>().Store));
        services.AddSingleton<IQueueStatistics>(sp => new QueueStatistics(sp.GetRequiredService<WolverineRuntime>().Store));
        services.AddSingleton<IQueueMaintenance>(sp => new QueueMaintenance(sp.GetRequiredService<WolverineRuntime>().Store, options.Durability));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, DurableListener>());
        return services;
    }
}
