namespace AiSales.Core.Crm.Odoo;

/// <summary>
/// How a failed Odoo call is kept on a row (odoo_sync.last_error): "Problem: the words", the <see cref="OdooProblem"/>
/// first so the Integrations page can say what went wrong in the merchant's language and keep Odoo's own words (often
/// English, sometimes a traceback's last line) behind it. Written and read here only, so the two cannot drift apart.
/// </summary>
public static class OdooFailureRecord
{
    public const int MaxLength = 500;

    public static string Format(OdooException e) => Format(e.Problem, e.Message);

    public static string Format(OdooProblem problem, string message)
    {
        var text = $"{problem}: {message}";
        return text.Length <= MaxLength ? text : text[..MaxLength];
    }

    /// <summary>The problem and the words of a stored failure; false for text written some other way (it is then shown as it is).</summary>
    public static bool TryRead(string? stored, out OdooProblem problem, out string words)
    {
        (problem, words) = (default, stored ?? "");
        var colon = stored?.IndexOf(": ", StringComparison.Ordinal) ?? -1;
        // Names only: Enum.TryParse would also take a number ("3: …") for a problem.
        if (colon <= 0 || !Enum.GetNames<OdooProblem>().Contains(stored![..colon], StringComparer.Ordinal)) return false;
        problem = Enum.Parse<OdooProblem>(stored[..colon]);
        words = stored[(colon + 2)..];
        return true;
    }
}
