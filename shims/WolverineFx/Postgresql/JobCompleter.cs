using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Wolverine.Runtime;

namespace Wolverine.Postgresql;

/// <summary>
/// Deletes a node's finished jobs in batches: one round trip for everything finished within
/// <see cref="DurabilitySettings.CompletionBatchWindow"/>. A job waiting here is still leased to this node, so nobody else
/// runs it; if the node dies first, the job runs again as after any crash before completion.
/// </summary>
internal sealed class JobCompleter(WolverineRuntime runtime)
{
    private readonly Channel<(Guid Id, Envelope Envelope)> _finished = Channel.CreateUnbounded<(Guid, Envelope)>();
    private Task? _loop;
    private volatile bool _stopping;

    public void Start() => _loop = Task.Run(LoopAsync);

    public void Add(Guid id, Envelope envelope) => _finished.Writer.TryWrite((id, envelope));

    /// <summary>Deletes whatever is left at once (no batch window) and returns when it is done.</summary>
    public async Task StopAsync()
    {
        _stopping = true;
        _finished.Writer.TryComplete();
        if (_loop is not null) await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private async Task LoopAsync()
    {
        var window = runtime.Options.Durability.CompletionBatchWindow;
        var batch = new List<(Guid Id, Envelope Envelope)>();
        while (await _finished.Reader.WaitToReadAsync())
        {
            if (window > TimeSpan.Zero && !_stopping) await Task.Delay(window);
            while (batch.Count < 500 && _finished.Reader.TryRead(out var item)) batch.Add(item);
            try
            {
                await runtime.Store.CompleteAsync([.. batch.Select(b => b.Id)], runtime.NodeId, CancellationToken.None);
                foreach (var (_, envelope) in batch) runtime.Tracker.Record(MessageEventType.MessageSucceeded, envelope);
            }
            catch (Exception ex)
            {
                runtime.Logger.LogError(ex, "Completing {Count} jobs failed; they will be redelivered after their leases expire", batch.Count);
            }
            batch.Clear();
        }
    }
}
