using System.Security.Claims;
using AiSales.Core.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AiSales.Dashboard.Apis;

/// <summary>Small pieces every Merchant API handler uses: the caller's merchant, paging, enum filters, problems.</summary>
internal static class MerchantApiRequest
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    /// <summary>The key's merchant. The policy guarantees the claim, so a missing one is a bug, not a 401.</summary>
    public static Guid MerchantId(this ClaimsPrincipal user) =>
        Guid.Parse(user.FindFirstValue(MerchantApiClaims.MerchantId) ?? throw new InvalidOperationException("merchant_id claim missing"));

    public static string Actor(this ClaimsPrincipal user) => $"api:{user.FindFirstValue(MerchantApiClaims.ApiKeyPrefix)}";

    /// <summary>
    /// Page 1.. and size 1..200. The page is capped where (page - 1) * size still fits an int: page=2147483647 used to
    /// overflow the skip into a negative number and answer 500; now it is simply a page past the end.
    /// </summary>
    public static (int Page, int Size) Paging(int? page, int? pageSize)
    {
        var size = Math.Clamp(pageSize ?? DefaultPageSize, 1, MaxPageSize);
        return (Math.Clamp(page ?? 1, 1, int.MaxValue / size), size);
    }

    /// <summary>Parses an optional filter; adds a validation error (and returns false) for an unknown value.</summary>
    public static bool TryFilter<TEnum>(string? value, string name, Dictionary<string, string[]> errors, out TEnum? parsed)
        where TEnum : struct, Enum
    {
        parsed = null;
        if (string.IsNullOrWhiteSpace(value))
            return true;
        try
        {
            parsed = EnumText<TEnum>.Parse(value.Trim());
            return true;
        }
        catch (FormatException)
        {
            errors[name] = [$"Unknown {name} '{value}'. Use one of: {string.Join(", ", EnumText<TEnum>.All)}."];
            return false;
        }
    }

    /// <summary>404 with a body: another merchant's id looks exactly like one that does not exist.</summary>
    public static ProblemHttpResult NotFound(string what) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"No such {what}.");
}
