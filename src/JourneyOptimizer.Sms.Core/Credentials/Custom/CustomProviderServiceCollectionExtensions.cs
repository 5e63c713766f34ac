using FluentValidation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Options;

namespace JourneyOptimizer.Sms.Core.Credentials.Custom;

public static class CustomProviderServiceCollectionExtensions
{
    /// <summary>
    /// The Custom provider credential vendor (<see cref="CustomVendor"/>): <see cref="CustomProvidersOptions"/> bound from <c>CustomProviders</c> and
    /// validated on start, <see cref="CustomCredentialInputValidator"/>, and <see cref="ICustomProviderClient"/> with
    /// its HttpClient from IHttpClientFactory (primary handler: <see cref="SsrfGuard"/> as connect callback, no
    /// automatic redirects, no proxy). A credential with mTLS gets a named client per client certificate.
    /// Needs <c>IConfiguration</c> in the container (the web host has it).
    /// </summary>
    public static IServiceCollection AddCustomProviders(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<CustomProvidersOptions>()
            .BindConfiguration(CustomProvidersOptions.SectionName)
            .Validate(o => o.TimeoutSeconds is >= CustomProvidersOptions.MinTimeoutSeconds and <= CustomProvidersOptions.MaxTimeoutSeconds,
                "CustomProviders:TimeoutSeconds must be between 1 and 300.")
            .ValidateOnStart();

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IValidator<CustomCredentialInput>, CustomCredentialInputValidator>();
        services.TryAddSingleton<SsrfGuard>();
        services.TryAddSingleton<CustomProviderHandlerFactory>();
        services.TryAddSingleton<ClientCertificateRegistry>();
        services.TryAddSingleton<OAuthTokenCache>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<HttpClientFactoryOptions>, MtlsClientOptionsSetup>());

        services.AddHttpClient(CustomProviderClient.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(sp => sp.GetRequiredService<CustomProviderHandlerFactory>().Create(clientCertificate: null))
            .ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan)
            .RedactLoggedHeaders(_ => true);

        services.TryAddSingleton<ICustomProviderClient, CustomProviderClient>();
        services.AddCredentialVendor<CustomVendor>();
        return services;
    }
}
