using AiSales.Core.Analytics;
using AiSales.Core.Conversations;
using AiSales.Core.Options;
using AiSales.Core.Sending;
using AiSales.Dashboard.ApiKeys;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.OpenApi;

namespace AiSales.Dashboard.Apis;

/// <summary>
/// The Merchant API: a merchant's own systems read contacts, conversations, orders and stats and move leads, with a
/// per-merchant API key (scheme "MerchantApiKey"). Every query is scoped by the key's merchant_id; another
/// merchant's id answers 404 like an id that does not exist. Docs: docs/merchant-api.md.
/// Needs from the host: NpgsqlDataSource + AiSalesDbContext (AddNpgsqlDataSource("aisales") / AddNpgsqlDbContextOnDataSource) and
/// AddMessaging() (the outbox behind POST conversations/{id}/messages).
/// </summary>
public static class MerchantApiExtensions
{
    public const string PolicyName = "MerchantApi";
    public const string RoutePrefix = "/api/v1";
    public const string DocumentName = "v1";

    /// <summary>The merchant API under /api/v1 (docs/merchant-api.md), with its API keys.</summary>
    public static IHostApplicationBuilder AddMerchantApi(this IHostApplicationBuilder builder)
    {
        builder.Services.AddMerchantApi();
        return builder;
    }

    public static IServiceCollection AddMerchantApi(this IServiceCollection services)
    {
        // Keys are made and revoked on the dashboard's owners-only API keys page.
        services.AddApiKeyManagement();
        services.AddAnalytics();
        // GET campaigns converts spend with the default exchange rate (section "Campaigns", docs/campaigns.md).
        services.AddValidatedOptions<AiSales.Core.Campaigns.CampaignOptions>(AiSales.Core.Campaigns.CampaignOptions.Section);
        services.AddProblemDetails();
        // Human replies go through the same queue as the dashboard's composer (needs AddMessaging for the outbox).
        services.TryAddSingleton(TimeProvider.System);
        services.AddReplyWindow();
        services.TryAddSingleton<OutboundMessageQueue>();
        // No default scheme is set here: the dashboard's cookie login stays the default; only the API's policy names this one.
        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, MerchantApiKeyAuthenticationHandler>(MerchantApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder().AddPolicy(PolicyName, policy => policy
            .AddAuthenticationSchemes(MerchantApiKeyAuthenticationHandler.SchemeName)
            .RequireAuthenticatedUser()
            .RequireClaim(MerchantApiClaims.MerchantId));

        services.AddOpenApi(DocumentName, options =>
        {
            options.ShouldInclude = description => description.RelativePath?.StartsWith("api/v1", StringComparison.OrdinalIgnoreCase) == true;
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "AiSales Merchant API";
                document.Info.Description = "Per-merchant API key: 'Authorization: Bearer ask_...' or 'X-Api-Key: ask_...'.";
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[MerchantApiKeyAuthenticationHandler.SchemeName] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    Description = "A Merchant API key (ask_<prefix>_<secret>), created by the shop's owner on the dashboard's API keys page (/api-keys).",
                };
                document.Security = [new OpenApiSecurityRequirement
                {
                    [new OpenApiSecuritySchemeReference(MerchantApiKeyAuthenticationHandler.SchemeName, document)] = [],
                }];
                return Task.CompletedTask;
            });
        });
        return services;
    }

    /// <summary>
    /// Bodiless errors under /api/v1 answer problem JSON: a query value that does not bind (page=99999999999, a malformed
    /// id) is a 400 the framework writes without a body, which the dashboard's status-code pages would otherwise re-execute
    /// as its HTML not-found page. Call it after UseStatusCodePagesWithReExecute (it runs first on the way out).
    /// </summary>
    public static IApplicationBuilder UseMerchantApiProblems(this IApplicationBuilder app) =>
        app.UseWhen(c => c.Request.Path.StartsWithSegments(RoutePrefix), api => api.UseStatusCodePages());

    public static RouteGroupBuilder MapMerchantApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(RoutePrefix).RequireAuthorization(PolicyName);
        api.MapContactsApi();
        api.MapConversationsApi();
        api.MapOrdersApi();
        api.MapStatsApi();
        // Campaign results and leads (docs/campaigns.md).
        api.MapCampaignsApi();
        api.MapLeadsApi();
        // The document describes the API and is public (no data in it), like any published API reference.
        app.MapOpenApi("/openapi/{documentName}.json");
        return api;
    }
}
