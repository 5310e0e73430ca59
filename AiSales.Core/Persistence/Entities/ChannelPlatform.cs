using System.Text.Json.Serialization;

namespace AiSales.Core.Persistence.Entities;

/// <summary>Stored as instagram|messenger|whatsapp.</summary>
public enum ChannelPlatform
{
    Instagram,
    Messenger,
    [JsonStringEnumMemberName("whatsapp")]
    WhatsApp
}
