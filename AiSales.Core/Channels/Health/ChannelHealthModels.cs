namespace AiSales.Core.Channels.Health;

/// <summary>Everything the health page of one WhatsApp number shows (<see cref="ChannelHealthQueries.GetAsync"/>).</summary>
/// <param name="Status">active, needs_reconnect, disabled: whether our token still works (the connection's verification).</param>
public sealed record ChannelHealth(
    Guid ChannelAccountId,
    string ExternalId,
    string? DisplayName,
    string Provider,
    string Status,
    string? LastError,
    DateTimeOffset? TokenExpiresAt,
    WebhookHealth Webhook,
    SendOutcomes Sends24h,
    SendOutcomes Sends7d,
    ChannelSignalView? Quality,
    ChannelSignalView? MessagingLimit,
    ChannelSignalView? Account,
    IReadOnlyList<TemplateStatus> Templates,
    IReadOnlyList<ChannelAlertView> OpenAlerts,
    IReadOnlyList<ChannelAlertView> RecentAlerts,
    IReadOnlyList<ChannelSignalView> RecentSignals);

/// <summary>
/// The number's webhook traffic: inbound messages and Meta's reports about the number. <see cref="FirstEventAt"/> null
/// means Meta has never delivered anything for it: the subscription is not verified to work.
/// </summary>
public sealed record WebhookHealth(DateTimeOffset? FirstEventAt, DateTimeOffset? LastEventAt, int Events24h, IReadOnlyList<HourCount> PerHour)
{
    public bool Receiving => FirstEventAt is not null;
}

/// <summary>Events in the hour starting at <see cref="Hour"/> (UTC); the last 24 hours, oldest first, empty hours included.</summary>
public sealed record HourCount(DateTimeOffset Hour, int Events);

/// <summary>Sends settled or attempted in the window, by ledger state and by Graph error code (failed and retrying ones).</summary>
public sealed record SendOutcomes(int Sent, int Failed, int Pending, IReadOnlyList<ErrorCount> Errors)
{
    public int Total => Sent + Failed + Pending;
}

public sealed record ErrorCount(string Code, int Count);

public sealed record ChannelSignalView(string Kind, string? Value, string? Subject, DateTimeOffset ReceivedAt);

/// <summary>The latest status Meta reported for one template (APPROVED, REJECTED, PAUSED …) and why, when it said.</summary>
public sealed record TemplateStatus(string Name, string? Status, string? Reason, DateTimeOffset ReceivedAt);

public sealed record ChannelAlertView(Guid Id, Guid ChannelAccountId, string Kind, DateTimeOffset OpenedAt, DateTimeOffset? ResolvedAt,
    DateTimeOffset? NotifiedAt, string Detail);
