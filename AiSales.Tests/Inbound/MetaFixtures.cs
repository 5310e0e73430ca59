using AiSales.Core.Inbound;
using AiSales.Core.Inbound.Events;
using AiSales.Core.Persistence.Entities;

namespace AiSales.Tests.Inbound;

/// <summary>The shared real Meta payloads, copied to the test output by the csproj.</summary>
internal static class MetaFixtures
{
    public static string Directory => Path.Combine(AppContext.BaseDirectory, "fixtures", "meta", "payloads");

    public static IReadOnlyList<string> All =>
        System.IO.Directory.GetFiles(Directory, "*.json").Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToList();

    public static byte[] Bytes(string name) => File.ReadAllBytes(Path.Combine(Directory, name));

    /// <summary>The webhook route a file would arrive on, from its name prefix.</summary>
    public static ChannelPlatform RouteOf(string name) =>
        name.StartsWith("whatsapp", StringComparison.Ordinal) ? ChannelPlatform.WhatsApp
        : name.StartsWith("instagram", StringComparison.Ordinal) ? ChannelPlatform.Instagram
        : ChannelPlatform.Messenger;

    public static IReadOnlyList<InboundEvent> Normalize(string name) =>
        new MetaPayloadNormalizer().Normalize(RouteOf(name), Bytes(name));
}
