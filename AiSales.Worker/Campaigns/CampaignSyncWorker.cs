using AiSales.Core.Campaigns;
using Microsoft.Extensions.Options;

namespace AiSales.Worker.Campaigns;

/// <summary>
/// Fetches campaign results on a schedule: every <see cref="CampaignOptions.PollInterval"/> it syncs the ad accounts that
/// are due (each <see cref="CampaignOptions.SyncInterval"/>, after a back-off, or when the merchant pressed "sync now").
/// A timer rather than a queue job, like the channel health watch: a missed poll just happens at the next one. Every
/// Worker runs it; <see cref="CampaignSync"/> claims an account before fetching, so two Workers never sync the same one
/// at once, and its writes replace days rather than add to them.
/// </summary>
public sealed class CampaignSyncWorker(IServiceScopeFactory scopes, IOptions<CampaignOptions> options, TimeProvider time,
    ILogger<CampaignSyncWorker> logger) : BackgroundService
{
    public const int AccountsPerPoll = 20;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        if (!o.SyncEnabled) return;
        using var timer = new PeriodicTimer(o.PollInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Campaign sync poll failed; trying again next interval");
            }
        }
    }

    /// <summary>One poll: syncs every due account (one at a time: Meta's limits are per app). Returns how many it synced or tried.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var sync = scope.ServiceProvider.GetRequiredService<CampaignSync>();
        var tried = 0;
        foreach (var id in await sync.DueAccountsAsync(AccountsPerPoll, ct))
            if (await sync.SyncAsync(id, ct) != SyncOutcome.Skipped) tried++;
        return tried;
    }
}
