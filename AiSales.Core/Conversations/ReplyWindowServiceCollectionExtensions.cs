using AiSales.Core.Sending.Windows;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AiSales.Core.Conversations;

public static class ReplyWindowServiceCollectionExtensions
{
    /// <summary>The composer's and the merchant API's window check, backed by the one <see cref="WindowPlanner"/>.</summary>
    public static IServiceCollection AddReplyWindow(this IServiceCollection services)
    {
        services.TryAddSingleton<WindowPlanner>();
        services.TryAddSingleton<IReplyWindow, ReplyWindow>();
        return services;
    }
}
