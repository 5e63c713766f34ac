using JourneyOptimizer.Sms.Core.Credentials.ProviderHttp;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace JourneyOptimizer.Sms.Core.Credentials.Sinch;

public static class SinchServiceCollectionExtensions
{
    /// <summary>Resilience pipeline name of the SMS REST API client (shows in resilience telemetry).</summary>
    public const string ResiliencePipelineName = "sinch-sms";

    /// <summary>
    /// Sinch (SMS) as a credential vendor (<see cref="SinchVendor"/>) with its SMS REST API client
    /// (<see cref="AddSinchSmsApi"/>).
    /// </summary>
    public static IServiceCollection AddSinch(this IServiceCollection services)
    {
        AddSinchSmsApi(services);
        services.AddCredentialVendor<SinchVendor>();
        return services;
    }

    /// <summary>
    /// The Sinch SMS REST API client (<see cref="ISinchSmsClient"/>, typed <see cref="HttpClient"/>
    /// <see cref="SinchSmsClient.HttpClientName"/>), with <see cref="SinchOptions"/> bound from the <c>Sinch</c> section
    /// and validated on start. Also used by Sinch RCS for its SMS fallback. Calling it twice registers nothing twice.
    /// </summary>
    public static IServiceCollection AddSinchSmsApi(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.Any(d => d.ServiceType == typeof(ISinchSmsClient)))
        {
            return services;   // registered already: a second typed client would stack a second resilience pipeline
        }

        AddSinchOptions(services);
        services.TryAddTransient<SinchCredentialVerifier>();
        services.AddHttpClient<ISinchSmsClient, SinchSmsClient>(SinchSmsClient.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(ProviderHttpClient.NoRedirectHandler)
            .AddProviderDefaults(ResiliencePipelineName, TimeoutSeconds);
        return services;
    }

    /// <summary>The options and the clock, shared with the Conversation API client.</summary>
    internal static void AddSinchOptions(IServiceCollection services)
    {
        services.AddOptions<SinchOptions>().BindConfiguration(SinchOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SinchOptions>, SinchOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
    }

    internal static int TimeoutSeconds(IServiceProvider provider) =>
        provider.GetRequiredService<IOptions<SinchOptions>>().Value.TimeoutSeconds;
}
