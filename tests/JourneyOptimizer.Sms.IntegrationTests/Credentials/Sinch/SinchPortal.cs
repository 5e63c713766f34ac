using System.Security.Cryptography;
using JourneyOptimizer.Sms.Core.Credentials;
using JourneyOptimizer.Sms.Core.Credentials.Sinch;
using JourneyOptimizer.Sms.Core.Credentials.SinchConversation;
using JourneyOptimizer.Sms.Core.Security;
using JourneyOptimizer.Sms.IntegrationTests.Infrastructure;
using JourneyOptimizer.Sms.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace JourneyOptimizer.Sms.IntegrationTests.Credentials.Sinch;

/// <summary>A service plan of the fake Sinch: its id, token and the number the tests give it.</summary>
public sealed record SinchPlan(string ServicePlanId, string ApiToken, string InboundNumber);

/// <summary>A Conversation app of the fake Sinch with the access key that reaches it (as AJO's API Token).</summary>
public sealed record SinchApp(string ProjectId, string AppId, string ApiToken);

/// <summary>
/// The portal with a fake Sinch on 127.0.0.1 (SMS REST API, OAuth and Conversation API on one real HTTP server), the
/// portal's <c>Sinch:*</c> URLs pointed at it. One per test class.
/// </summary>
public sealed class SinchPortal : IAsyncLifetime
{
    private FakeSinch? _sinch;
    private PortalFactory? _factory;

    internal FakeSinch Sinch => _sinch ?? throw new InvalidOperationException("Not started.");

    public PortalFactory Factory => _factory ?? throw new InvalidOperationException("Not started.");

    public async ValueTask InitializeAsync()
    {
        _sinch = await FakeSinch.StartAsync();
        _factory = new PortalFactory
        {
            Options = new PortalOptions
            {
                Settings = new Dictionary<string, string?>
                {
                    ["Sinch:SmsBaseUrlTemplate"] = _sinch.BaseUrl,
                    ["Sinch:ConversationBaseUrl"] = _sinch.BaseUrl,
                    ["Sinch:AuthUrl"] = _sinch.AuthUrl,
                    ["Sinch:TimeoutSeconds"] = "5",
                },
            },
        };
    }

    public async ValueTask DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        if (_sinch is not null)
        {
            await _sinch.DisposeAsync();
        }
    }

    public static string Hex32() => Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();

    /// <summary>A new service plan known to the fake Sinch.</summary>
    public SinchPlan Plan()
    {
        var plan = new SinchPlan(Hex32(), Hex32(), TestData.Number());
        Sinch.ServicePlans[plan.ServicePlanId] = plan.ApiToken;
        return plan;
    }

    /// <summary>A new project, access key and app with <paramref name="channels"/>, known to the fake Sinch.</summary>
    public SinchApp App(string[] channels, string? smsServicePlanId = null)
    {
        var project = Guid.NewGuid().ToString();
        var keyId = Guid.NewGuid().ToString();
        var secret = Hex32();
        var app = FakeVendorServer.Ulid();
        Sinch.AccessKeys[keyId] = (secret, project);
        Sinch.Apps[app] = new FakeSinchApp(project, app, channels, smsServicePlanId);
        return new SinchApp(project, app, keyId + ":" + secret);
    }

    public static Dictionary<string, string> SinchForm(string name, SinchPlan plan, string? webhookSecret = null, string? overrideUrl = null) => new()
    {
        ["Input.Vendor"] = "Sinch",
        ["Input.Sinch.Name"] = name,
        ["Input.Sinch.ServiceId"] = plan.ServicePlanId,
        ["Input.Sinch.ApiToken"] = plan.ApiToken,
        ["Input.Sinch.InboundNumber"] = plan.InboundNumber,
        ["Input.Sinch.OverrideUrl"] = overrideUrl ?? "",
        ["Input.Sinch.WebhookSecret"] = webhookSecret ?? "",
    };

    public static Dictionary<string, string> MmsForm(string name, SinchApp app) => new()
    {
        ["Input.Vendor"] = "SinchMms",
        ["Input.SinchMms.Name"] = name,
        ["Input.SinchMms.ProjectId"] = app.ProjectId,
        ["Input.SinchMms.AppId"] = app.AppId,
        ["Input.SinchMms.ApiToken"] = app.ApiToken,
    };

    public static Dictionary<string, string> RcsForm(string name, SinchApp app, SinchPlan? fallback = null, string? smsToken = null,
        string? webhookSecret = null) => new()
        {
            ["Input.Vendor"] = "SinchRcs",
            ["Input.SinchRcs.Name"] = name,
            ["Input.SinchRcs.ProjectId"] = app.ProjectId,
            ["Input.SinchRcs.AppId"] = app.AppId,
            ["Input.SinchRcs.ApiToken"] = app.ApiToken,
            ["Input.SinchRcs.ServicePlanId"] = fallback?.ServicePlanId ?? "",
            ["Input.SinchRcs.SmsApiToken"] = smsToken ?? fallback?.ApiToken ?? "",
            ["Input.SinchRcs.ApiRateLimit"] = "20",
            ["Input.SinchRcs.WebhookSecret"] = webhookSecret ?? "",
        };

    /// <summary>Creates a credential through the service, verified against the fake Sinch.</summary>
    public async Task<int> CreateAsync(int sandboxId, SmsVendor vendor, ApiCredentialInput input)
    {
        await using var scope = Factory.CreateScope();
        var result = await scope.ServiceProvider.GetRequiredService<ApiCredentialService>()
            .CreateAsync(sandboxId, vendor, input, new Core.Common.Actor("test", "seed@example.com"), false, CancellationToken.None);
        Assert.True(result.Outcome == CredentialOutcome.Created,
            $"{input.Name}: {result.Outcome} {string.Join("; ", result.FieldErrors.Select(e => e.Field + ": " + e.Message))}");
        return result.Id!.Value;
    }

    public Task<T> StoredAsync<T>(string name)
        where T : ApiCredential =>
        Factory.WithDbAsync(db => db.Set<T>().AsNoTracking().SingleAsync(c => c.Name == name));

    public string Unprotect(string protectedSecret) =>
        Factory.Services.GetRequiredService<ISecretProtector>().Unprotect(protectedSecret);

    public static SinchCredentialInput SinchInput(string name, SinchPlan plan, string? webhookSecret = null) => new()
    {
        Name = name,
        ServiceId = plan.ServicePlanId,
        ApiToken = plan.ApiToken,
        InboundNumber = plan.InboundNumber,
        WebhookSecret = webhookSecret,
    };

    public static SinchRcsCredentialInput RcsInput(string name, SinchApp app, string? webhookSecret = null) => new()
    {
        Name = name,
        ProjectId = app.ProjectId,
        AppId = app.AppId,
        ApiToken = app.ApiToken,
        ApiRateLimit = 0,
        WebhookSecret = webhookSecret,
    };
}
