using Polly;

namespace Microsoft.Extensions.Http.Resilience.Internal;

/// <summary>
/// Runs each request through the client's standard pipeline. The same request message is sent on
/// every attempt, so its content is buffered first: a streamed body could otherwise be read only once
/// and a retried POST would go out empty.
/// </summary>
internal sealed class StandardResilienceHandler(StandardResiliencePipeline standard, string clientName) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var lease = await standard.Limiter.AcquireAsync(1, cancellationToken).ConfigureAwait(false);
        if (!lease.IsAcquired)
            throw new HttpRequestException($"HttpClient '{clientName}' has reached its concurrency limit; the request was not sent.");

        if (request.Content is not null)
            await request.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);

        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        try
        {
            return await standard.Pipeline.ExecuteAsync(
                static (ctx, state) => new ValueTask<HttpResponseMessage>(state.Handler.SendAttemptAsync(state.Request, ctx.CancellationToken)),
                context,
                (Handler: this, Request: request)).ConfigureAwait(false);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private Task<HttpResponseMessage> SendAttemptAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        base.SendAsync(request, cancellationToken);
}
