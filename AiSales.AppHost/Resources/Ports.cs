using Microsoft.Extensions.Configuration;

namespace AiSales.AppHost.Resources;

/// <summary>
/// <c>Ports:&lt;resource&gt;</c> moves a resource off its usual port (a second copy of the app, a bench run beside a
/// developer's). Under Aspire.Hosting.Testing every port is randomized anyway.
/// </summary>
public static class Ports
{
    public static int? For(IDistributedApplicationBuilder builder, string resource, int? usual = null) =>
        int.TryParse(builder.Configuration[$"Ports:{resource}"], out var port) && port > 0 ? port : usual;
}
