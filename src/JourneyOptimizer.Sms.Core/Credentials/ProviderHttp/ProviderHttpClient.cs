using System.Net;
using System.Net.Http.Headers;
using JourneyOptimizer.Sms.Core.Credentials.Custom;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Timeout;

namespace JourneyOptimizer.Sms.Core.Credentials.ProviderHttp;

/// <summary>One answer of a provider, read whole (at most <see cref="ProviderHttpClient.MaxResponseBytes"/>).</summary>
internal sealed record ProviderAnswer(int Status, byte[] Body, TimeSpan? RetryAfter, string? WwwAuthenticate)
{
    public bool IsSuccess => Status is >= 200 and < 300;
}

/// <summary>Why no answer came back.</summary>
internal enum ProviderTransportFailure
{
    /// <summary>Timeout, DNS or connection error, a broken or oversized answer.</summary>
    Unreachable = 1,

    /// <summary>The address guard refused the target (a private address where those are not allowed). Nothing was sent.</summary>
    RefusedTarget = 2,
}

/// <summary>
/// What the hand-written provider clients (Sinch, Sinch Conversation, Infobip) share: the HttpClient set-up of the
/// Twilio client (timeouts, retries of reads only, header values never logged, no redirects followed) and one way of
/// sending a request that turns every transport failure into a value.
/// </summary>
internal static class ProviderHttpClient
{
    /// <summary>At most this many retries of a GET after the first attempt.</summary>
    public const int MaxRetryAttempts = 2;

    /// <summary>The largest answer read. These APIs answer with a few kilobytes.</summary>
    public const int MaxResponseBytes = 1024 * 1024;

    public const string UserAgent = "JourneyOptimizer.Sms/1.0";

    /// <summary>The longest wait between two attempts, and the longest <c>Retry-After</c> that is waited for.</summary>
    public static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(5);

    public static TimeSpan TotalTimeout(int attemptSeconds) =>
        (TimeSpan.FromSeconds(attemptSeconds) * (MaxRetryAttempts + 1)) + (MaxRetryDelay * MaxRetryAttempts);

    /// <summary>
    /// Timeouts (per attempt and per call), retries of idempotent reads on transient answers (5xx, 408, 429 with a
    /// short enough <c>Retry-After</c>, connection failures), and redacted header values in the HttpClient logs.
    /// </summary>
    public static IHttpClientBuilder AddProviderDefaults(this IHttpClientBuilder builder, string pipelineName,
        Func<IServiceProvider, int> attemptSeconds)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder
            .ConfigureHttpClient((provider, http) =>
            {
                // The resilience pipeline enforces the real limits; this is only a backstop (it also bounds reading the body).
                http.Timeout = TotalTimeout(attemptSeconds(provider)) + TimeSpan.FromSeconds(1);
                http.MaxResponseContentBufferSize = MaxResponseBytes;
                http.DefaultRequestHeaders.UserAgent.ParseAdd(UserAgent);
            })
            // Header values (Authorization above all) never reach the HttpClient logs.
            .RedactLoggedHeaders(_ => true);

        builder.AddResilienceHandler(pipelineName, (pipeline, context) =>
        {
            var seconds = attemptSeconds(context.ServiceProvider);
            var time = context.ServiceProvider.GetRequiredService<TimeProvider>();
            var retry = new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromSeconds(1),
                MaxDelay = MaxRetryDelay,
                ShouldRetryAfterHeader = true,
                ShouldHandle = args => ValueTask.FromResult(
                    HttpClientResiliencePredicates.IsTransient(args.Outcome) && !WaitTooLong(args.Outcome.Result, time)),
            };
            // Only idempotent reads are retried: a POST that timed out may still have sent the message.
            retry.DisableForUnsafeHttpMethods();
            pipeline
                .AddTimeout(TotalTimeout(seconds))
                .AddRetry(retry)
                .AddTimeout(TimeSpan.FromSeconds(seconds));
        });
        return builder;
    }

    /// <summary>A primary handler that sends credentials only where it was told to: redirects are answers, not followed.</summary>
    public static SocketsHttpHandler NoRedirectHandler() => new()
    {
        AllowAutoRedirect = false,
        UseCookies = false,
        AutomaticDecompression = DecompressionMethods.All,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
    };

    /// <summary>True when the answer asks for a longer wait than <see cref="MaxRetryDelay"/>: not waited for.</summary>
    public static bool WaitTooLong(HttpResponseMessage? response, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        return RetryAfter(response?.Headers.RetryAfter, time) > MaxRetryDelay;
    }

    /// <summary>
    /// Sends the request and reads the whole answer. Every failure to get an answer is a value; only the caller's
    /// own cancellation throws.
    /// </summary>
    public static async Task<(ProviderAnswer? Answer, ProviderTransportFailure? Failure)> SendAsync(HttpClient http,
        HttpRequestMessage request, TimeProvider time, ILogger logger, string operation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            var challenge = response.Headers.WwwAuthenticate.Count == 0 ? null : response.Headers.WwwAuthenticate.ToString();
            return (new ProviderAnswer((int)response.StatusCode, body, RetryAfter(response.Headers.RetryAfter, time), challenge), null);
        }
        catch (Exception exception) when (exception is HttpRequestException or TimeoutRejectedException or IOException
            or InvalidOperationException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            var refused = Chain(exception).Any(e => e is RefusedTargetException);
            // The exception's message is not logged: it can name the request URL.
            logger.LogWarning("{Operation} got no answer ({Reason})", operation,
                refused ? nameof(ProviderTransportFailure.RefusedTarget) : Chain(exception).Last().GetType().Name);
            return (null, refused ? ProviderTransportFailure.RefusedTarget : ProviderTransportFailure.Unreachable);
        }
    }

    private static TimeSpan? RetryAfter(RetryConditionHeaderValue? header, TimeProvider time)
    {
        if (header is null)
        {
            return null;
        }

        var wait = header.Delta ?? (header.Date is { } date ? date - time.GetUtcNow() : TimeSpan.Zero);
        return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
    }

    private static IEnumerable<Exception> Chain(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            yield return e;
        }
    }
}
