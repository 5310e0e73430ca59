using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// One error answer for every service in every environment: problem details (RFC 9457) with a status, a short title and,
/// for input the server could not bind, the field. Never the developer exception page: the AppHost runs services as
/// Development and that page answered anonymous callers with exception types, source paths and every request header
/// (Cookie, Authorization, X-Ops-Key). Nothing in these answers comes from request headers. docs/SECURITY.md.
/// </summary>
public static class ErrorHandlingExtensions
{
    /// <summary>Called by AddServiceDefaults: problem details and the handler that turns binding failures into 400s naming the field.</summary>
    public static IServiceCollection AddErrorHandling(this IServiceCollection services)
    {
        services.AddProblemDetails();
        services.AddExceptionHandler<BadRequestExceptionHandler>();
        // Minimal APIs answer a value that does not bind with an empty 400 outside Development and throw inside it.
        // Always throwing lets BadRequestExceptionHandler say which field was wrong, the same in every environment.
        services.PostConfigure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        return services;
    }

    /// <summary>
    /// First in the pipeline (right after Build): every exception from what follows, including one a developer exception
    /// page further out would have rendered, ends here as problem details. A <see cref="BadHttpRequestException"/> keeps
    /// its own status (400, 413, 415); anything else is a 500 with no detail.
    /// </summary>
    public static WebApplication UseAiSalesErrorHandling(this WebApplication app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            StatusCodeSelector = e => e is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError,
        });
        return app;
    }
}
