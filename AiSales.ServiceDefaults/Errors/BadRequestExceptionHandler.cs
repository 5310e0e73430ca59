using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Turns a request the framework could not read (a query value that does not parse, malformed or mistyped JSON, a
/// missing form field, a bad anti-forgery token) into a problem answer naming the field. The framework's own messages
/// are not passed on: some quote the value sent, and a value bound from a header would then be echoed back.
/// </summary>
internal sealed partial class BadRequestExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad) return false;
        var (field, message) = Describe(bad);
        context.Response.StatusCode = bad.StatusCode;
        ProblemDetails details = field is null
            ? new ProblemDetails { Detail = message }
            : new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message] }) { Detail = message };
        details.Status = bad.StatusCode;
        details.Title = bad.StatusCode == StatusCodes.Status400BadRequest ? "Bad request" : null;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = details, Exception = exception });
    }

    /// <summary>The field at fault (null when none) and a message that quotes nothing from the request.</summary>
    internal static (string? Field, string Message) Describe(BadHttpRequestException bad)
    {
        if (bad.InnerException is JsonException json)
        {
            var path = json.Path is { Length: > 2 } p && p.StartsWith("$.", StringComparison.Ordinal) ? p[2..] : null;
            return (path ?? "body", path is null
                ? "The request body is not valid JSON for this endpoint."
                : $"'{path}' in the request body has the wrong type or format.");
        }
        if (bad.Message.Contains("anti-forgery", StringComparison.OrdinalIgnoreCase))
            return (null, "The form's anti-forgery token is missing or invalid. Reload the page and try again.");
        if (bad.StatusCode == StatusCodes.Status415UnsupportedMediaType)
            return (null, "Unsupported content type for this endpoint.");
        if (Parameter().Match(bad.Message) is { Success: true } match)
        {
            var name = match.Groups["name"].Value;
            return (name, bad.Message.Contains("was not provided", StringComparison.Ordinal)
                ? $"'{name}' is required."
                : $"'{name}' has the wrong type or format.");
        }
        return (null, "The request could not be read.");
    }

    // The framework's messages name the parameter as "Type name": Failed to bind parameter "int? limit" from "abc".
    [GeneratedRegex(@"parameter ""(?:[^""]*\s)?(?<name>[^""\s]+)""", RegexOptions.CultureInvariant)]
    private static partial Regex Parameter();
}
