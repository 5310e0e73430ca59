using AiSales.Core.Persistence.Entities;
using AiSales.Core.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace AiSales.Dashboard.Tenancy;

/// <summary>
/// Answers 404 for an entity id in the URL that is not the current merchant's, before any page renders:
/// a real status code (not just a "not found" panel) so links to other tenants' data look exactly like
/// links to nothing. The page itself still loads through <see cref="MerchantData"/> (explicit filter + RLS).
/// </summary>
public sealed class TenantRouteGuard(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, ICurrentMerchant current, MerchantData data)
    {
        var segments = context.Request.Path.Value?.Trim('/').Split('/') ?? [];
        var (section, raw) = segments switch
        {
            [var s and ("inbox" or "orders"), var r] => (s, r),
            ["channels", var r, "health" or "commerce"] => ("channels", r),
            _ => (null, null),
        };
        if (section is not null && context.User.Identity?.IsAuthenticated == true)
        {
            var ct = context.RequestAborted;
            if (!Guid.TryParse(raw, out var id) || current.MerchantId is null ||
                !await data.RunAsync((db, merchantId) => section switch
                {
                    "inbox" => db.Conversations.AnyAsync(c => c.Id == id && c.MerchantId == merchantId, ct),
                    "orders" => db.Orders.AnyAsync(o => o.Id == id && o.MerchantId == merchantId, ct),
                    // Health and shop-settings pages exist for WhatsApp numbers only.
                    _ => db.ChannelAccounts.AnyAsync(a => a.Id == id && a.MerchantId == merchantId
                        && a.Platform == Core.Persistence.Entities.ChannelPlatform.WhatsApp, ct),
                }, ct))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }
        }
        await next(context);
    }
}
