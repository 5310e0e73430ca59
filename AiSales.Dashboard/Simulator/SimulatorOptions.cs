namespace AiSales.Dashboard.Simulator;

/// <summary>
/// Where the simulator posts and how it signs. The secret defaults to the first Meta:AppSecrets entry, the same
/// one the Webhooks service checks first; the URL goes through service discovery (services:webhooks:http:0).
/// </summary>
public sealed class SimulatorOptions
{
    public const string Section = "Simulator";

    public Uri WebhooksBaseUrl { get; set; } = new("http://webhooks");

    /// <summary>Bound from Meta:AppSecrets:0 unless Simulator:AppSecret is given.</summary>
    public string? AppSecret { get; set; }

    /// <summary>
    /// Longer than the standard resilience pipeline's 30 s total, so that pipeline (retries on a restarting
    /// Webhooks service) decides the outcome, and still bounded when no pipeline is configured.
    /// </summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(35);
}
