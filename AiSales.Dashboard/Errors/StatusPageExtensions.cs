using Microsoft.AspNetCore.Diagnostics;

namespace AiSales.Dashboard.Errors;

public static class StatusPageExtensions
{
    /// <summary>
    /// Right after UseStatusCodePagesWithReExecute: a rejected form post (forged anti-forgery token) re-executed as a
    /// POST to /not-found ran the anti-forgery check again on the already-invalid form and threw (500). Only reads get
    /// the page; a rejected write keeps its bare status.
    /// </summary>
    public static IApplicationBuilder UseNotFoundPageForReadsOnly(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            if (!HttpMethods.IsGet(context.Request.Method) && context.Features.Get<IStatusCodePagesFeature>() is { } pages)
                pages.Enabled = false;
            return next(context);
        });
}
