using Microsoft.Extensions.Hosting;

namespace AiSales.AppHost.State;

/// <summary>
/// Every resource's console output, also appended to <c>&lt;state&gt;/logs/&lt;resource&gt;.log</c>: the Aspire dashboard
/// shows logs while the AppHost runs; these stay afterwards for grep, bench/scan-secrets.sh and a bug report.
/// </summary>
internal sealed class ResourceLogFiles(ResourceLoggerService logs, DistributedApplicationModel model, StateFiles files) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        Directory.CreateDirectory(files.LogDirectory);
        // Aspire's hidden "-rebuilder" helpers never log anything worth a file.
        var followed = model.Resources.Where(r => r is ProjectResource or ExecutableResource or ContainerResource
            && !r.Name.EndsWith("-rebuilder", StringComparison.Ordinal));
        return Task.WhenAll(followed.Select(r => FollowAsync(r, stoppingToken)));
    }

    private async Task FollowAsync(IResource resource, CancellationToken ct)
    {
        try
        {
            await using var writer = new StreamWriter(Path.Combine(files.LogDirectory, resource.Name + ".log"), append: true) { AutoFlush = true };
            await foreach (var batch in logs.WatchAsync(resource).WithCancellation(ct))
                foreach (var line in batch)
                    await writer.WriteLineAsync(line.Content);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
    }
}
