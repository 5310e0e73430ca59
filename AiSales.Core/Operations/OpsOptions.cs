using System.ComponentModel.DataAnnotations;

namespace AiSales.Core.Operations;

/// <summary>The operator API key (header X-Ops-Key) guarding queue, replay and config endpoints.</summary>
public sealed class OpsOptions
{
    public const string Section = "Ops";
    public const string HeaderName = "X-Ops-Key";

    [Required(ErrorMessage = "Ops:ApiKey is required (env Ops__ApiKey).")]
    [MinLength(16, ErrorMessage = "Ops:ApiKey must be at least 16 characters.")]
    public string ApiKey { get; set; } = "";
}
