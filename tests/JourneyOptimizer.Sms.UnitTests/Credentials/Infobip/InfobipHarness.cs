using System.Net;
using FluentValidation;
using JourneyOptimizer.Sms.Core.Credentials;
using JourneyOptimizer.Sms.Core.Credentials.Custom;
using JourneyOptimizer.Sms.Core.Credentials.Infobip;
using JourneyOptimizer.Sms.Core.Security;
using JourneyOptimizer.Sms.Testing;
using JourneyOptimizer.Sms.UnitTests.Credentials.Twilio;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace JourneyOptimizer.Sms.UnitTests.Credentials.Infobip;

/// <summary>
/// The Infobip client as the portal registers it (<see cref="InfobipServiceCollectionExtensions.AddInfobip"/>) against a
/// <see cref="FakeInfobip"/> on 127.0.0.1 over HTTPS. By default private networks are NOT allowed: the fake is reached as
/// <c>api.infobip.test</c>, which the Custom provider's test hooks resolve to loopback and let through for the fake's
/// exact endpoint only, and its certificate is trusted. Retry waits up to 10 s happen at once; logs are captured.
/// </summary>
internal sealed class InfobipHarness : IAsyncDisposable
{
    public const string ApiKey = "003026bbc133714df1834b8638bb496e-8f4b3d9a-e931-478d-a994-28a725159ab9";
    public const string Host = "api.infobip.test";

    private readonly ServiceProvider _services;

    private InfobipHarness(ServiceProvider services, FakeInfobip fake, CapturingLoggerProvider logs)
    {
        _services = services;
        Fake = fake;
        Logs = logs;
    }

    public FakeInfobip Fake { get; }

    public CapturingLoggerProvider Logs { get; }

    public IInfobipClient Client => _services.GetRequiredService<IInfobipClient>();

    public InfobipCredentialVerifier Verifier => _services.GetRequiredService<InfobipCredentialVerifier>();

    /// <summary>The plug-in as the portal registers it, on the same client.</summary>
    public ICredentialVendor Vendor => _services.GetRequiredService<CredentialVendors>()[SmsVendor.Infobip];

    public ISecretProtector Protector => _services.GetRequiredService<ISecretProtector>();

    public Uri BaseUrl => new($"https://{Host}:{Fake.Port}");

    public InfobipApiCredentials Credentials => new(BaseUrl, ApiKey);

    public static async Task<InfobipHarness> StartAsync(bool allowPrivateNetworks = false, bool letTheFakeThrough = true, bool trustTheFake = true)
    {
        var fake = await FakeInfobip.StartAsync();
        fake.ApiKeys[ApiKey] = true;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["CustomProviders:AllowPrivateNetworks"] = allowPrivateNetworks ? "true" : "false",
            ["Infobip:TimeoutSeconds"] = "30",
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        var logs = new CapturingLoggerProvider();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
        services.AddSingleton<TimeProvider>(new InstantDelayTimeProvider(TimeSpan.FromSeconds(10)));
        services.AddSingleton(new CustomProviderTestHooks
        {
            TrustedRoot = trustTheFake ? fake.Certificate : null,
            AllowedEndpoints = letTheFakeThrough ? [new IPEndPoint(IPAddress.Loopback, fake.Port)] : [],
            ResolveHost = (_, _) => Task.FromResult(new[] { IPAddress.Loopback }),
        });
        services.AddSingleton<ISecretProtector>(new DataProtectionSecretProtector(new EphemeralDataProtectionProvider()));
        services.AddSingleton<IValidator<InfobipCredentialInput>, InfobipCredentialInputValidator>();
        services.AddInfobip();
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        return new InfobipHarness(provider, fake, logs);
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await Fake.DisposeAsync();
    }
}
