using System.ComponentModel.DataAnnotations;

namespace AiSales.Core.Channels.Sending;

/// <summary>Configuration section <c>Channels:Sending</c>.</summary>
public sealed class ChannelSendingOptions
{
    public const string SectionName = "Channels:Sending";

    /// <summary>Budget for one send, connection retries included. A timeout is an unknown outcome, never resent here.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:02:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(15);
}
