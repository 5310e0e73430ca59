using AiSales.Core.Channels;
using Microsoft.Extensions.Options;

namespace AiSales.Webhooks.Ingest;

/// <summary>
/// What ingest needs from the shared <c>Meta</c> section and the other services do not: the secrets that sign
/// deliveries and the handshake token. Checked on start, so a missing secret stops the host instead of answering
/// every delivery 401.
/// </summary>
internal sealed class MetaIngestOptionsValidator : IValidateOptions<MetaOptions>
{
    public ValidateOptionsResult Validate(string? name, MetaOptions options)
    {
        var failures = new List<string>();
        if (!options.AppSecrets.Any(s => !string.IsNullOrEmpty(s)))
            failures.Add("Meta:AppSecrets needs at least one secret (env Meta__AppSecrets__0).");
        if (string.IsNullOrWhiteSpace(options.VerifyToken))
            failures.Add("Meta:VerifyToken is required (env Meta__VerifyToken).");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
