using AiSales.Core.Inbound;
using AiSales.Core.Inbound.Events;
using AiSales.Core.Persistence.Entities;

namespace AiSales.Tests.LeadAds;

/// <summary>The CRM payloads (AiSales.Tests/Fixtures/crm), copied beside the test assembly by the csproj.</summary>
internal static class CrmFixtures
{
    public static string Directory => Path.Combine(AppContext.BaseDirectory, "fixtures", "crm");

    /// <summary>Every Page leadgen webhook delivery.</summary>
    public static IReadOnlyList<string> LeadgenWebhooks =>
        System.IO.Directory.GetFiles(Directory, "meta_leadgen_webhook_*.json").Select(Path.GetFileName).OfType<string>()
            .Order(StringComparer.Ordinal).ToList();

    public static byte[] Bytes(string name) => File.ReadAllBytes(Path.Combine(Directory, name));

    public static string Text(string name) => File.ReadAllText(Path.Combine(Directory, name));

    /// <summary>They arrive on the Messenger route (object "page").</summary>
    public static IReadOnlyList<InboundEvent> Normalize(string name) =>
        new MetaPayloadNormalizer().Normalize(ChannelPlatform.Messenger, Bytes(name));
}
