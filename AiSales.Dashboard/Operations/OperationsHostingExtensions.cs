using AiSales.Dashboard.Operations.Api;

namespace AiSales.Dashboard.Operations;

public static class OperationsHostingExtensions
{
    /// <summary>The Operations page and the operator API behind it (/ops/api, X-Ops-Key), and a message's journey.</summary>
    public static IHostApplicationBuilder AddOperationsArea(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOpsApi();
        builder.Services.AddScoped<MessageJourney>();
        return builder;
    }
}
