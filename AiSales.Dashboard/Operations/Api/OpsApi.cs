using AiSales.Core.Operations;
using AiSales.Core.Options;
using AiSales.Core.Security;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AiSales.Dashboard.Operations.Api;

/// <summary>
/// The operator API, in the Dashboard's admin area under /ops/api (queue, dead letters, deliveries, unroutable events,
/// status, config check, token re-encryption). It used to sit on the internet-facing Webhooks service under /api; the
/// paths below /ops are the same, so a script only changes its base URL. Guarded by the operator key alone
/// (<see cref="OpsKeyFilter"/>), never by the merchant login, and answered with problem details.
/// </summary>
public static class OpsApi
{
    public const string RoutePrefix = "/ops";
    /// <summary>Where the API's own paths start: the Operations page itself is /ops.</summary>
    public const string ApiPrefix = RoutePrefix + "/api";

    public static IServiceCollection AddOpsApi(this IServiceCollection services)
    {
        services.AddValidatedOptions<OpsOptions>(OpsOptions.Section);
        services.AddOperations();
        services.AddSingleton<OperatorConsole>();
        services.AddSingleton<DeliveryArchive>();
        // Resolvable only where AddTokenProtection ran (an encryption key is configured); TokensApi answers 503 otherwise.
        // A factory, so Development's start-up check of the container does not fail on a dashboard without a key.
        services.TryAddSingleton(sp => ActivatorUtilities.CreateInstance<TokenReencryption>(sp));
        return services;
    }

    /// <summary>
    /// Bodiless errors under /ops/api (a 404 for a delivery that is not there, a path that does not exist) answer problem
    /// JSON instead of the dashboard's HTML not-found page. Call it after UseStatusCodePagesWithReExecute.
    /// </summary>
    public static IApplicationBuilder UseOpsApiProblems(this IApplicationBuilder app) =>
        app.UseWhen(c => c.Request.Path.StartsWithSegments(ApiPrefix), api => api.UseStatusCodePages());

    public static RouteGroupBuilder MapOpsApi(this IEndpointRouteBuilder app)
    {
        var ops = app.MapGroup(RoutePrefix)
            .WithTags("Operations")
            // The key is the credential: no cookie is asked for (AllowAnonymous keeps any future fallback policy from
            // sending a script to the login page), and with no cookie in play there is nothing for antiforgery to protect.
            .AllowAnonymous()
            .DisableAntiforgery()
            .AddEndpointFilter<OpsKeyFilter>();
        ops.MapQueueApi();
        ops.MapDeliveriesApi();
        ops.MapUnroutableApi();
        ops.MapStatusApi();
        ops.MapConfigApi();
        ops.MapTokensApi();
        return ops;
    }
}
