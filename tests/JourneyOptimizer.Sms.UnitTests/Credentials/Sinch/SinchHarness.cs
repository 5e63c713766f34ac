using JourneyOptimizer.Sms.Core.Credentials.Sinch;
using JourneyOptimizer.Sms.Core.Credentials.SinchConversation;
using JourneyOptimizer.Sms.Testing;
using JourneyOptimizer.Sms.UnitTests.Credentials.Twilio;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace JourneyOptimizer.Sms.UnitTests.Credentials.Sinch;

/// <summary>
/// The Sinch clients as the portal registers them (<see cref="SinchServiceCollectionExtensions.AddSinchSmsApi"/>,
/// <see cref="SinchConversationServiceCollectionExtensions.AddSinchConversation"/>), pointed at a
/// <see cref="FakeSinch"/>; retry waits up to 10 s happen at once (so the attempt timeout is longer), logs are captured.
/// </summary>
internal sealed class SinchHarness : IAsyncDisposable
{
    public const string ServicePlanId = "8200000f74924bd6800000b212f00000";
    public const string ApiToken = "0123456789abcdef0123456789abcdef";
    public const string ProjectId = "51bc3f40-f266-4ca8-8938-a1ed0ff32b9a";
    public const string AppId = "01EB37HMH1M6SV18BSNS3G135H";
    public const string KeyId = "6e0b1a2c-3d4e-4f50-8a9b-0c1d2e3f4a5b";
    public const string KeySecret = "Xk9-secret_value.Only~Shown~Once";

    private readonly ServiceProvider _services;

    private SinchHarness(ServiceProvider services, FakeSinch fake, CapturingLoggerProvider logs)
    {
        _services = services;
        Fake = fake;
        Logs = logs;
    }

    public FakeSinch Fake { get; }

    public CapturingLoggerProvider Logs { get; }

    public ISinchSmsClient Sms => _services.GetRequiredService<ISinchSmsClient>();

    public T Get<T>() where T : notnull => _services.GetRequiredService<T>();

    public ISinchConversationClient Conversation => _services.GetRequiredService<ISinchConversationClient>();

    public static SinchSmsCredentials SmsCredentials => new(ServicePlanId, ApiToken);

    public static SinchConversationCredentials ConversationCredentials => new(ProjectId, AppId, KeyId, KeySecret);

    /// <summary>A fake Sinch that knows the service plan, the key and an app with MMS, RCS and SMS channels.</summary>
    public static async Task<SinchHarness> StartAsync(int timeoutSeconds = 30)
    {
        var fake = await FakeSinch.StartAsync();
        fake.ServicePlans[ServicePlanId] = ApiToken;
        fake.AccessKeys[KeyId] = (KeySecret, ProjectId);
        fake.Apps[AppId] = new FakeSinchApp(ProjectId, AppId, ["MMS", "RCS", "SMS"], ServicePlanId);
        return Create(fake, timeoutSeconds);
    }

    public static SinchHarness Create(FakeSinch fake, int timeoutSeconds = 30)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Sinch:SmsBaseUrlTemplate"] = fake.BaseUrl,
            ["Sinch:ConversationBaseUrl"] = fake.BaseUrl,
            ["Sinch:AuthUrl"] = fake.AuthUrl,
            ["Sinch:TimeoutSeconds"] = timeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        var logs = new CapturingLoggerProvider();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
        services.AddSingleton<TimeProvider>(new InstantDelayTimeProvider(TimeSpan.FromSeconds(10)));
        services.AddSinchConversation();
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        return new SinchHarness(provider, fake, logs);
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await Fake.DisposeAsync();
    }
}
