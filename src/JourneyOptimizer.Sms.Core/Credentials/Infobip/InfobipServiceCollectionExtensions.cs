using JourneyOptimizer.Sms.Core.Credentials.Custom;
using JourneyOptimizer.Sms.Core.Credentials.ProviderHttp;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace JourneyOptimizer.Sms.Core.Credentials.Infobip;

public static class InfobipServiceCollectionExtensions
{
    /// <summary>Resilience pipeline name of the Infobip client.</summary>
    public const string ResiliencePipelineName = "infobip";

    /// <summary>
    /// Infobip as a credential vendor (<see cref="InfobipVendor"/>): the Infobip client (<see cref="IInfobipClient"/>, typed <see cref="HttpClient"/> named <c>Infobip</c>) with
    /// <see cref="InfobipOptions"/> bound from the <c>Infobip</c> section. Its connections use the Custom provider's
    /// primary handler and address guard, bound to <c>CustomProviders:AllowPrivateNetworks</c>: an API base URL is typed
    /// by an administrator, like a Provider URL.
    /// </summary>
    public static IServiceCollection AddInfobip(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.Any(d => d.ServiceType == typeof(IInfobipClient)))
        {
            return services;   // registered already: a second typed client would stack a second resilience pipeline
        }

        services.AddOptions<InfobipOptions>()
            .BindConfiguration(InfobipOptions.SectionName)
            .Validate(o => o.TimeoutSeconds is > 0 and <= InfobipOptions.MaxTimeoutSeconds,
                $"{InfobipOptions.SectionName}:{nameof(InfobipOptions.TimeoutSeconds)} must be between 1 and {InfobipOptions.MaxTimeoutSeconds}.")
            .ValidateOnStart();
        // The same binding as AddCustomProviders (binding twice gives the same values).
        services.AddOptions<CustomProvidersOptions>().BindConfiguration(CustomProvidersOptions.SectionName);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SsrfGuard>();
        services.TryAddSingleton<CustomProviderHandlerFactory>();
        services.TryAddTransient<InfobipCredentialVerifier>();

        services.AddHttpClient<IInfobipClient, InfobipClient>(InfobipClient.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(sp => sp.GetRequiredService<CustomProviderHandlerFactory>().Create(clientCertificate: null))
            .AddProviderDefaults(ResiliencePipelineName, sp => sp.GetRequiredService<IOptions<InfobipOptions>>().Value.TimeoutSeconds);
        services.AddCredentialVendor<InfobipVendor>();
        return services;
    }
}

/// <summary>How long the portal waits for Infobip. Bound from the <c>Infobip</c> section (the base URL is per credential).</summary>
public sealed class InfobipOptions
{
    public const string SectionName = "Infobip";
    public const int MaxTimeoutSeconds = 300;

    /// <summary>How long one attempt of one request may take; reads are tried up to twice more.</summary>
    public int TimeoutSeconds { get; set; } = 10;
}
