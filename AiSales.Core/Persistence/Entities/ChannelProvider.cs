using System.Text.Json.Serialization;

namespace AiSales.Core.Persistence.Entities;

/// <summary>Who carries the traffic: Meta directly, ManyChat, or the sandbox (sends are only recorded).</summary>
public enum ChannelProvider
{
    Meta,
    [JsonStringEnumMemberName("manychat")]
    ManyChat,
    Sandbox
}
