using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace JourneyOptimizer.Sms.Core.Credentials.Twilio;

public static class TwilioServiceCollectionExtensions
{
    /// <summary>Resilience pipeline name (shows in resilience telemetry).</summary>
    public const string ResiliencePipelineName = "twilio";

    /// <summary>
    /// Twilio as a credential vendor (<see cref="TwilioVendor"/>): the Twilio client (<see cref="ITwilioClient"/> on the
    /// Twilio SDK, a singleton on the <see cref="HttpClient"/> named <see cref="TwilioClient.HttpClientName"/>) and
    /// <see cref="TwilioCredentialVerifier"/>, with <see cref="TwilioOptions"/> bound from the <c>Twilio</c> section
    /// and validated on start.
    /// </summary>
    public static IServiceCollection AddTwilio(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<TwilioOptions>().BindConfiguration(TwilioOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TwilioOptions>, TwilioOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddTransient<TwilioBaseUrlHandler>();
        services.TryAddSingleton<TwilioCredentialVerifier>();
        services.TryAddSingleton<ITwilioClient, TwilioClient>();
        AddTwilioHttpClient(services);
        services.AddCredentialVendor<TwilioVendor>();
        return services;
    }

    internal static IHttpClientBuilder AddTwilioHttpClient(IServiceCollection services)
    {
        var builder = services.AddHttpClient(TwilioClient.HttpClientName)
            .ConfigureHttpClient((provider, http) =>
            {
                var options = provider.GetRequiredService<IOptions<TwilioOptions>>().Value;
                // The resilience pipeline enforces the real limits; this is only a backstop (it also bounds reading the body).
                http.Timeout = TwilioClient.TotalTimeout(options) + TimeSpan.FromSeconds(1);
                http.MaxResponseContentBufferSize = 16 * 1024 * 1024;
                http.DefaultRequestHeaders.UserAgent.ParseAdd("JourneyOptimizer.Sms/1.0");
            })
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                // Credentials go to the configured hosts only: redirects are answers, not followed.
                AllowAutoRedirect = false,
                AutomaticDecompression = DecompressionMethods.All,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            })
            // Header values (the Authorization header above all) never reach the HttpClient logs.
            .RedactLoggedHeaders(_ => true)
            // Outermost, so that the resilience pipeline and the logs see the configured host.
            .AddHttpMessageHandler<TwilioBaseUrlHandler>();

        builder.AddResilienceHandler(ResiliencePipelineName, static (pipeline, context) =>
        {
            var options = context.ServiceProvider.GetRequiredService<IOptions<TwilioOptions>>().Value;
            var time = context.ServiceProvider.GetRequiredService<TimeProvider>();
            var retry = new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = TwilioClient.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromSeconds(1),
                MaxDelay = TwilioClient.MaxRetryDelay,
                ShouldRetryAfterHeader = true,
                ShouldHandle = args => ValueTask.FromResult(
                    HttpClientResiliencePredicates.IsTransient(args.Outcome)
                    && !WaitTooLong(args.Outcome.Result, time)),
            };
            // Only idempotent reads are retried: a POST that timed out may still have sent the message.
            retry.DisableForUnsafeHttpMethods();

            pipeline
                .AddTimeout(TwilioClient.TotalTimeout(options))
                .AddRetry(retry)
                .AddTimeout(TwilioClient.AttemptTimeout(options));
        });
        return builder;
    }

    /// <summary>True when the answer asks for a longer wait than <see cref="TwilioClient.MaxRetryDelay"/>: not waited for.</summary>
    internal static bool WaitTooLong(HttpResponseMessage? response, TimeProvider time)
    {
        var retryAfter = response?.Headers.RetryAfter;
        if (retryAfter is null)
        {
            return false;
        }

        var wait = retryAfter.Delta ?? (retryAfter.Date is { } date ? date - time.GetUtcNow() : TimeSpan.Zero);
        return wait > TwilioClient.MaxRetryDelay;
    }
}
