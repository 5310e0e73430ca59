using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;

namespace AiSales.Tests.Infrastructure;

/// <summary>The last lines a resource logged (Aspire's resource logger), kept for failure messages.</summary>
public sealed class ResourceLogTail : IDisposable
{
    private const int Keep = 400;
    private readonly Queue<string> _lines = new();
    private readonly CancellationTokenSource _stop = new();

    public void Follow(DistributedApplication app, string resource)
    {
        var logs = app.Services.GetRequiredService<ResourceLoggerService>();
        // By resource, not by name: a project's log stream is kept under its instance id (name plus a suffix).
        var target = app.Services.GetRequiredService<DistributedApplicationModel>().Resources.Single(r => r.Name == resource);
        _ = Task.Run(async () =>
        {
            try
            {
                await foreach (var batch in logs.WatchAsync(target).WithCancellation(_stop.Token))
                    lock (_lines)
                        foreach (var line in batch)
                        {
                            _lines.Enqueue(line.Content);
                            if (_lines.Count > Keep) _lines.Dequeue();
                        }
            }
            catch (OperationCanceledException) { }
        });
    }

    public string Tail(int lines)
    {
        lock (_lines) return _lines.Count == 0 ? "(the resource logged nothing)" : string.Join('\n', _lines.TakeLast(lines));
    }

    public void Dispose() => _stop.Cancel();
}
