using System.Net;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace DepHealth.Core.Collection.Resilience;

/// <summary>
/// Builds one upstream's <see cref="ResiliencePipeline{HttpResponseMessage}"/>: total timeout → jittered
/// exponential retry (network errors, bodies cut short, attempt timeouts, 408, 429, 5xx, and 202 "still
/// computing"; Retry-After honoured, capped) → circuit breaker (the same failures except 202, which is a
/// healthy upstream's answer) → attempt timeout. Time comes from the injected <see cref="TimeProvider"/>.
/// </summary>
public static class UpstreamPipelineFactory
{
    /// <summary>
    /// <paramref name="randomizer"/> is the jitter source (tests pass a seeded one; null = Polly's default),
    /// <paramref name="stateProvider"/> exposes the circuit state, <paramref name="onRetry"/> observes each retry.
    /// </summary>
    public static ResiliencePipeline<HttpResponseMessage> Create(
        UpstreamResilienceOptions options,
        TimeProvider timeProvider,
        Func<double>? randomizer = null,
        CircuitBreakerStateProvider? stateProvider = null,
        Func<OnRetryArguments<HttpResponseMessage>, ValueTask>? onRetry = null)
    {
        options.Validate();
        // A body cut short (connection dropped mid-body) surfaces as HttpIOException, an IOException.
        var transient = new PredicateBuilder<HttpResponseMessage>()
            .Handle<HttpRequestException>()
            .Handle<IOException>()
            .Handle<TimeoutRejectedException>()
            .HandleResult(IsTransient);
        var retryable = new PredicateBuilder<HttpResponseMessage>()
            .Handle<HttpRequestException>()
            .Handle<IOException>()
            .Handle<TimeoutRejectedException>()
            .HandleResult(r => IsTransient(r) || IsNotReady(r));

        var retry = new RetryStrategyOptions<HttpResponseMessage>
        {
            ShouldHandle = retryable,
            MaxRetryAttempts = Math.Max(1, options.MaxRetryAttempts),
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = options.BaseDelay,
            MaxDelay = options.MaxDelay,
            DelayGenerator = args => ValueTask.FromResult(
                RetryAfter.Read(args.Outcome.Result, timeProvider.GetUtcNow(), options.MaxRetryAfter)),
            OnRetry = onRetry,
        };
        if (randomizer is not null)
            retry.Randomizer = randomizer;

        var breaker = new CircuitBreakerStrategyOptions<HttpResponseMessage>
        {
            // Too large a body is the response's fault, not the upstream's health; it does not count.
            ShouldHandle = transient,
            FailureRatio = options.CircuitFailureRatio,
            MinimumThroughput = options.CircuitFailureThreshold,
            SamplingDuration = options.CircuitSamplingDuration,
            BreakDuration = options.CircuitBreakDuration,
            StateProvider = stateProvider,
        };

        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = timeProvider }
            .AddTimeout(options.TotalTimeout);
        if (options.MaxRetryAttempts > 0)
            builder.AddRetry(retry);
        return builder
            .AddCircuitBreaker(breaker)
            .AddTimeout(options.AttemptTimeout)
            .Build();
    }

    /// <summary>408, 429 and 5xx are worth another attempt; other statuses are answers.</summary>
    public static bool IsTransient(HttpResponseMessage response) =>
        response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)response.StatusCode >= 500;

    /// <summary>202 Accepted: the upstream is computing the answer (GitHub statistics); ask again later.</summary>
    public static bool IsNotReady(HttpResponseMessage response) => response.StatusCode == HttpStatusCode.Accepted;
}
