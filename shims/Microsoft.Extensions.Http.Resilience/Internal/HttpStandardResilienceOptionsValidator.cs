using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.Http.Resilience.Internal;

/// <summary>
/// Start-up validation: Polly's own ranges (data annotations on its options) plus the two rules
/// that make the standard pipeline coherent. Failing here beats a pipeline that can never succeed.
/// </summary>
internal sealed class HttpStandardResilienceOptionsValidator : IValidateOptions<HttpStandardResilienceOptions>
{
    public ValidateOptionsResult Validate(string? name, HttpStandardResilienceOptions options)
    {
        var client = string.IsNullOrEmpty(name) ? "(HttpClient defaults)" : $"HttpClient '{name}'";
        var failures = new List<string>();

        Annotations(nameof(options.TotalRequestTimeout), options.TotalRequestTimeout);
        Annotations(nameof(options.Retry), options.Retry);
        Annotations(nameof(options.CircuitBreaker), options.CircuitBreaker);
        Annotations(nameof(options.AttemptTimeout), options.AttemptTimeout);
        Annotations($"{nameof(options.RateLimiter)}.{nameof(options.RateLimiter.DefaultRateLimiterOptions)}", options.RateLimiter.DefaultRateLimiterOptions);

        if (options.AttemptTimeout.Timeout > options.TotalRequestTimeout.Timeout)
        {
            failures.Add($"{client}: AttemptTimeout.Timeout ({options.AttemptTimeout.Timeout}) must be less than or equal to " +
                         $"TotalRequestTimeout.Timeout ({options.TotalRequestTimeout.Timeout}).");
        }

        if (options.CircuitBreaker.SamplingDuration < 2 * options.AttemptTimeout.Timeout)
        {
            failures.Add($"{client}: CircuitBreaker.SamplingDuration ({options.CircuitBreaker.SamplingDuration}) must be at least " +
                         $"double the AttemptTimeout.Timeout ({options.AttemptTimeout.Timeout}), so the breaker can see a failure rate.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);

        void Annotations(string path, object value)
        {
            var results = new List<ValidationResult>();
            if (Validator.TryValidateObject(value, new ValidationContext(value), results, validateAllProperties: true)) return;
            failures.AddRange(results.Select(r => $"{client}: {path}: {r.ErrorMessage}"));
        }
    }
}
