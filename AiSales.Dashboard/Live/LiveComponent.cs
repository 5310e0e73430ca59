using AiSales.Core.Tenancy;
using Microsoft.AspNetCore.Components;

namespace AiSales.Dashboard.Live;

/// <summary>
/// Base of the interactive (Server) parts of a page that follow the merchant's data as it changes: rendered on the
/// server first like any page (the HTML works without script), then, once the circuit is up, subscribed to
/// <see cref="MerchantChangeFeed"/> for the circuit's own merchant (never one taken from a parameter) and read again
/// when one of <see cref="Wants"/>'s tables changed. Bursts (a reply and its lead change, a delivery receipt) are folded
/// into one read per <see cref="Settle"/>.
/// </summary>
public abstract class LiveComponent : ComponentBase, IDisposable
{
    [Inject] private MerchantChangeFeed Feed { get; set; } = default!;
    [Inject] private ICurrentMerchant Current { get; set; } = default!;
    [Inject] private ILogger<LiveComponent> Log { get; set; } = default!;

    private IDisposable? _subscription;
    private int _pending;
    private bool _disposed;

    /// <summary>True once the component listens (the circuit is up): rendered as data-live-ready for tests and styles.</summary>
    protected bool Listening { get; private set; }

    protected static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(200);

    /// <summary>Reads the component's data (before its first render, then again on the circuit's dispatcher).</summary>
    protected abstract Task ReloadAsync();

    /// <summary>
    /// Reads the data before the component first renders, on the server and again when the circuit starts. Left to
    /// <c>OnParametersSetAsync</c>, the circuit's first render would come while the data is being read: an empty
    /// component that replaces the server-rendered HTML (fields someone may be typing into included), and only a
    /// moment later the real one. Read first, the circuit's first render is the server's HTML again, element for
    /// element, in one batch, so app.js can hand each replaced field's text, focus and caret to its successor before
    /// the next key press (docs/dashboard-live.md, "Typing while the circuit starts").
    /// </summary>
    public override async Task SetParametersAsync(ParameterView parameters)
    {
        parameters.SetParameterProperties(this);
        await ReloadAsync();
        await base.SetParametersAsync(ParameterView.Empty);
    }

    /// <summary>Whether a change of this table (empty: unknown, after the feed reconnected) can change what is shown.</summary>
    protected virtual bool Wants(string table) => true;

    protected override void OnAfterRender(bool firstRender)
    {
        // Runs only in an interactive render: the server-side first render never subscribes.
        if (!firstRender || Current.MerchantId is not { } merchantId) return;
        _subscription = Feed.Subscribe(merchantId, OnChange);
        Listening = true;
        StateHasChanged();
    }

    private void OnChange(string table)
    {
        if (_disposed || (table.Length > 0 && !Wants(table)) || Interlocked.Exchange(ref _pending, 1) == 1) return;
        _ = Task.Run(async () =>
        {
            await Task.Delay(Settle);
            // Reset before reading: a change that lands during the read schedules another one.
            Interlocked.Exchange(ref _pending, 0);
            if (_disposed) return;
            try
            {
                await InvokeAsync(async () =>
                {
                    await ReloadAsync();
                    StateHasChanged();
                });
            }
            catch (Exception e) when (!_disposed)
            {
                Log.LogWarning(e, "A live page could not read its data again");
            }
            catch (Exception) { }
        });
    }

    public virtual void Dispose()
    {
        _disposed = true;
        _subscription?.Dispose();
        GC.SuppressFinalize(this);
    }
}
