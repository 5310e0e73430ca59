using Polly.Timeout;

namespace Microsoft.Extensions.Http.Resilience;

/// <summary>Timeout for HTTP (Polly's default is 30 s).</summary>
public class HttpTimeoutStrategyOptions : TimeoutStrategyOptions;
