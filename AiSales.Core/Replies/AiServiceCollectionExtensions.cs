using AiSales.Core.Options;
using AiSales.Core.Replies.Leads;
using AiSales.Core.Replies.Llm;
using AiSales.Core.Replies.Turns;
using AiSales.Core.Sending.Windows;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiSales.Core.Replies;

public static class AiServiceCollectionExtensions
{
    /// <summary>
    /// Registers the reply brain: the configured <see cref="IChatClient"/> (none when offline), <see cref="ReplyEngine"/>,
    /// <see cref="TurnPolicy"/>, <see cref="LeadScorer"/>, <see cref="LeadUpdater"/>, <see cref="ReplyCommitter"/>,
    /// <see cref="ReplyInputsLoader"/> and <see cref="WindowPlanner"/> (all singletons over the NpgsqlDataSource). Reads the "Ai" configuration section.
    /// </summary>
    public static IServiceCollection AddAiReplies(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<AiOptions>(AiOptions.SectionName);
        // Whether an IChatClient is registered at all is decided here, before there is a container to read options from.
        var chosen = configuration.GetSection(AiOptions.SectionName).Get<AiOptions>() ?? new AiOptions();
        var provider = AiProviderSelector.Resolve(chosen, out var whyOffline);

        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<AiOptions>>().Value);
        services.AddSingleton<AiMetrics>();
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<AiOptions>();
            return new ReplyEngineOptions
            {
                HandoffConfidenceThreshold = options.HandoffConfidenceThreshold,
                UseJsonSchema = !string.Equals(options.StructuredOutput, "json_object", StringComparison.OrdinalIgnoreCase),
            };
        });
        if (provider != AiProvider.Offline)
            services.AddSingleton<IChatClient>(sp => ChatClientFactory.Create(sp.GetRequiredService<AiOptions>(), provider));

        services.AddSingleton(sp =>
        {
            var logger = sp.GetRequiredService<ILogger<ReplyEngine>>();
            if (whyOffline is not null)
                logger.LogWarning("AI replies use the offline responder: {Reason}", whyOffline);
            else
                logger.LogInformation("AI replies use provider {Provider}, model {Model}", provider, sp.GetRequiredService<AiOptions>().Model);
            return new ReplyEngine(sp.GetService<IChatClient>(), sp.GetRequiredService<ReplyEngineOptions>(),
                sp.GetRequiredService<AiMetrics>(), logger);
        });
        services.AddSingleton<TurnPolicy>();
        services.AddSingleton<LeadScorer>();
        services.AddSingleton<LeadUpdater>();
        services.AddSingleton<ReplyCommitter>();
        services.AddSingleton<ReplyInputsLoader>();
        services.AddSingleton<WindowPlanner>();
        return services;
    }
}
