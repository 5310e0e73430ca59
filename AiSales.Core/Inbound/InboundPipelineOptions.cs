using System.ComponentModel.DataAnnotations;

namespace AiSales.Core.Inbound;

/// <summary>Settings of the inbound pipeline (bound from Meta:AppId and the "Pipeline" section).</summary>
public sealed class InboundPipelineOptions
{
    public const string Section = "Pipeline";

    /// <summary>Our Meta app id (Meta:AppId). An echo carrying it is ours even without a ledger match; any other app is a human's tool.</summary>
    public string? OurAppId { get; set; }

    /// <summary>Prefix for the Redis dedupe keys, so several environments (or test runs) can share one Redis.</summary>
    public string RedisKeyPrefix { get; set; } = "";

    /// <summary>Used when a merchant's ai_settings has no debounce_seconds.</summary>
    [Range(0, 3600)]
    public int DefaultDebounceSeconds { get; set; } = 4;

    /// <summary>Used when a merchant's ai_settings has no human_quiet_minutes.</summary>
    [Range(1, 10080)]
    public int DefaultHumanQuietMinutes { get; set; } = 30;
}
