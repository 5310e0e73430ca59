using System.ComponentModel.DataAnnotations;

namespace AiSales.Core.Sending.Transports;

/// <summary>Configuration section <c>Channels:Sending</c>.</summary>
public sealed class ChannelSendingOptions
{
    public const string SectionName = "Channels:Sending";

    /// <summary>Extra time a send may take beyond <see cref="Timeout"/> for retried connection attempts.</summary>
    public static readonly TimeSpan ConnectRetrySlack = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long one send attempt may wait for Meta's/ManyChat's answer. A timeout is an unknown
    /// outcome and is never resent here. The whole call is capped at Timeout + <see cref="ConnectRetrySlack"/>
    /// (the adapters enforce that cap themselves too, so it holds whatever the HTTP pipeline does).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:02:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(15);
}
