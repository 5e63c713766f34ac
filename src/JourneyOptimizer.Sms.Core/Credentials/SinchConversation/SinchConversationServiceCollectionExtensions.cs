using JourneyOptimizer.Sms.Core.Credentials.Custom;
using JourneyOptimizer.Sms.Core.Credentials.ProviderHttp;
using JourneyOptimizer.Sms.Core.Credentials.Sinch;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace JourneyOptimizer.Sms.Core.Credentials.SinchConversation;

public static class SinchConversationServiceCollectionExtensions
{
    /// <summary>Resilience pipeline name of the Conversation API client.</summary>
    public const string ResiliencePipelineName = "sinch-conversation";

    /// <summary>
    /// The Conversation API client of Sinch MMS and Sinch RCS (<see cref="ISinchConversationClient"/>, typed
    /// <see cref="HttpClient"/> <see cref="SinchConversationClient.HttpClientName"/>), with <see cref="SinchOptions"/>
    /// and the process's OAuth token cache, and <see cref="SinchConversationVerifier"/> (which brings
    /// <see cref="SinchServiceCollectionExtensions.AddSinchSmsApi"/> along). Calling it twice registers nothing twice.
    /// </summary>
    public static IServiceCollection AddSinchConversation(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.Any(d => d.ServiceType == typeof(ISinchConversationClient)))
        {
            return services;   // registered already: a second typed client would stack a second resilience pipeline
        }

        // The RCS verifier also checks the SMS fallback's service plan with the SMS REST API client.
        services.AddSinchSmsApi();
        services.TryAddSingleton<OAuthTokenCache>();
        services.TryAddTransient<SinchConversationVerifier>();
        services.AddHttpClient<ISinchConversationClient, SinchConversationClient>(SinchConversationClient.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(ProviderHttpClient.NoRedirectHandler)
            .AddProviderDefaults(ResiliencePipelineName, SinchServiceCollectionExtensions.TimeoutSeconds);
        return services;
    }

    /// <summary>Sinch MMS as a credential vendor (<see cref="SinchMmsVendor"/>) with the Conversation API client.</summary>
    public static IServiceCollection AddSinchMms(this IServiceCollection services)
    {
        services.AddSinchConversation();
        services.AddCredentialVendor<SinchMmsVendor>();
        return services;
    }

    /// <summary>Sinch RCS as a credential vendor (<see cref="SinchRcsVendor"/>) with the Conversation and SMS API clients.</summary>
    public static IServiceCollection AddSinchRcs(this IServiceCollection services)
    {
        services.AddSinchConversation();
        services.AddCredentialVendor<SinchRcsVendor>();
        return services;
    }
}
