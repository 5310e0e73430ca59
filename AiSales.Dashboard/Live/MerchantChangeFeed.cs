using System.Collections.Concurrent;
using Npgsql;

namespace AiSales.Dashboard.Live;

/// <summary>
/// One LISTEN connection per Dashboard process on <see cref="Channel"/> (migration 0019: a trigger on conversations,
/// messages, contacts, orders and lead_activities sends '&lt;merchant_id&gt; &lt;table&gt;' at commit). Interactive
/// components subscribe with their circuit's merchant id and are woken only for that merchant. After the connection
/// drops, every subscriber is woken once on reconnecting: changes made meanwhile were not heard.
/// </summary>
public sealed class MerchantChangeFeed(NpgsqlDataSource dataSource, ILogger<MerchantChangeFeed> log) : BackgroundService
{
    public const string Channel = "aisales_changes";

    private readonly ILogger _log = log;
    private readonly ConcurrentDictionary<Guid, ConcurrentDictionary<Subscription, byte>> _subscribers = new();

    /// <summary>Calls <paramref name="onChange"/> (with the table's name) for every change of this merchant, until disposed.</summary>
    public IDisposable Subscribe(Guid merchantId, Action<string> onChange)
    {
        var subscription = new Subscription(this, merchantId, onChange);
        _subscribers.GetOrAdd(merchantId, _ => new()).TryAdd(subscription, 0);
        return subscription;
    }

    /// <summary>How many components listen for this merchant (tests, diagnostics).</summary>
    public int SubscriberCount(Guid merchantId) => _subscribers.TryGetValue(merchantId, out var set) ? set.Count : 0;

    internal void Publish(string payload)
    {
        var space = payload.IndexOf(' ');
        if (!Guid.TryParse(space < 0 ? payload : payload[..space], out var merchantId)) return;
        var table = space < 0 ? "" : payload[(space + 1)..];
        if (_subscribers.TryGetValue(merchantId, out var set))
            foreach (var s in set.Keys) s.Notify(table);
    }

    private void PublishToAll()
    {
        foreach (var set in _subscribers.Values)
            foreach (var s in set.Keys) s.Notify("");
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delay = TimeSpan.FromSeconds(1);
        var reconnecting = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var conn = await dataSource.OpenConnectionAsync(stoppingToken);
                conn.Notification += (_, e) => Publish(e.Payload);
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", conn))
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                if (reconnecting)
                {
                    _log.LogInformation("Change feed listening again; waking {Merchants} merchants' pages", _subscribers.Count);
                    PublishToAll();
                }
                delay = TimeSpan.FromSeconds(1);
                reconnecting = true;
                while (!stoppingToken.IsCancellationRequested)
                {
                    // A quiet minute: ask the server something, so a connection that died silently is noticed.
                    if (!await conn.WaitAsync(TimeSpan.FromSeconds(30), stoppingToken))
                    {
                        await using var ping = new NpgsqlCommand("SELECT 1", conn);
                        await ping.ExecuteScalarAsync(stoppingToken);
                    }
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                _log.LogWarning(e, "Change feed lost its connection; retrying in {DelaySeconds} s", delay.TotalSeconds);
                try { await Task.Delay(delay, stoppingToken); } catch (OperationCanceledException) { return; }
                delay = TimeSpan.FromSeconds(Math.Min(delay.TotalSeconds * 2, 30));
            }
        }
    }

    private sealed class Subscription(MerchantChangeFeed feed, Guid merchantId, Action<string> onChange) : IDisposable
    {
        public void Notify(string table)
        {
            try { onChange(table); }
            catch (Exception e) { feed._log.LogWarning(e, "A live page failed to take a change of {MerchantId}", merchantId); }
        }

        public void Dispose()
        {
            if (feed._subscribers.TryGetValue(merchantId, out var set)) set.TryRemove(this, out _);
        }
    }
}
