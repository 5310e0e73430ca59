using AiSales.Core.Media;
using AiSales.Core.Replies;
using AiSales.Core.Replies.Llm;

namespace AiSales.Worker.Replies;

public static class RepliesHostingExtensions
{
    /// <summary>
    /// The reply brain (section "Ai"; docs/ai.md) and what it looks at before answering: customers' photos and voice notes,
    /// downloaded (section "MediaFetch") and understood (docs/media.md).
    /// </summary>
    public static IHostApplicationBuilder AddReplies(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddAiReplies(builder.Configuration);
        services.AddCustomerMediaFetch();
        services.AddSingleton<VoiceTranscriber>();
        services.AddSingleton<PhotoIdentifier>();
        services.AddSingleton<MediaUnderstanding>();
        return builder;
    }
}
