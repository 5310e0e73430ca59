using AiSales.Core.Tenancy;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace AiSales.Dashboard.Tenancy;

/// <summary>Fills the scoped <see cref="CurrentMerchant"/> from the cookie principal for each HTTP request.</summary>
public sealed class TenantMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context, CurrentMerchant current)
    {
        current.Initialize(context.User);
        return next(context);
    }
}

/// <summary>Same for an interactive circuit (its own DI scope), from the authentication state it started with.</summary>
public sealed class TenantCircuitHandler(AuthenticationStateProvider auth, CurrentMerchant current) : CircuitHandler
{
    public override async Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        var state = await auth.GetAuthenticationStateAsync();
        current.Initialize(state.User);
    }
}
