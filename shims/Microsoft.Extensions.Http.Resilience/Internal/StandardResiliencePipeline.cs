using System.Threading.RateLimiting;
using Polly;

namespace Microsoft.Extensions.Http.Resilience.Internal;

/// <summary>One client's pipeline and concurrency limiter, shared by every handler instance the factory creates.</summary>
internal sealed record StandardResiliencePipeline(ResiliencePipeline<HttpResponseMessage> Pipeline, RateLimiter Limiter);
