namespace AiSales.Core.Sending.Transports;

/// <summary>Names of the IHttpClientFactory clients the senders use (also the resilience pipelines' names).</summary>
public static class ChannelHttpClients
{
    /// <summary>graph.facebook.com: Messenger, Instagram via Facebook Login, WhatsApp Cloud.</summary>
    public const string Graph = "channels.graph";

    /// <summary>graph.instagram.com: Instagram API with Instagram Login.</summary>
    public const string InstagramGraph = "channels.instagram-graph";

    public const string ManyChat = "channels.manychat";

    public static readonly IReadOnlyList<string> All = [Graph, InstagramGraph, ManyChat];
}
