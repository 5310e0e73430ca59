namespace AiSales.Core.Persistence.Entities;

/// <summary>
/// One change Meta reported about a WhatsApp number or its business account (migration 0010): a quality flag, a
/// messaging-limit tier, an account ban or review, a template decision. Written by the inbound pipeline.
/// </summary>
public class ChannelSignal
{
    public Guid Id { get; set; }
    public Guid MerchantId { get; set; }
    public Guid ChannelAccountId { get; set; }
    /// <summary><see cref="ChannelSignalKinds"/>: quality, messaging_limit, account, template.</summary>
    public string Kind { get; set; } = "";
    /// <summary>The webhook's own word for it: FLAGGED, TIER_1K, DISABLED_UPDATE, APPROVED …</summary>
    public string? Value { get; set; }
    /// <summary>For templates: the template name.</summary>
    public string? Subject { get; set; }
    /// <summary>jsonb: the webhook's value object and what we read from it.</summary>
    public string Detail { get; set; } = "{}";
    public DateTimeOffset ReceivedAt { get; set; } = DateTimeOffset.UtcNow;
}

/// <summary>A problem with a number, open until the watch sees it recover; at most one open per number and kind.</summary>
public class ChannelAlert
{
    public Guid Id { get; set; }
    public Guid MerchantId { get; set; }
    public Guid ChannelAccountId { get; set; }
    /// <summary><see cref="ChannelAlertKinds"/>: deliveries_stopped, sends_failing.</summary>
    public string Kind { get; set; } = "";
    public DateTimeOffset OpenedAt { get; set; } = DateTimeOffset.UtcNow;
    public DateTimeOffset? ResolvedAt { get; set; }
    /// <summary>jsonb: what the watch saw.</summary>
    public string Detail { get; set; } = "{}";
    /// <summary>When the owners' WhatsApp messages were queued (once per alert).</summary>
    public DateTimeOffset? NotifiedAt { get; set; }
}

/// <summary>The values of channel_signals.kind (CHECK ck_channel_signals_kind).</summary>
public static class ChannelSignalKinds
{
    public const string Quality = "quality";
    public const string MessagingLimit = "messaging_limit";
    public const string Account = "account";
    public const string Template = "template";
}

/// <summary>The values of channel_alerts.kind (CHECK ck_channel_alerts_kind).</summary>
public static class ChannelAlertKinds
{
    public const string DeliveriesStopped = "deliveries_stopped";
    public const string SendsFailing = "sends_failing";
}
