using System.Net;
using System.Security.Cryptography;
using JourneyOptimizer.Sms.Core.Common;
using JourneyOptimizer.Sms.Core.Credentials;
using JourneyOptimizer.Sms.Core.Credentials.Custom;
using JourneyOptimizer.Sms.Core.Credentials.Infobip;
using JourneyOptimizer.Sms.IntegrationTests.Infrastructure;
using JourneyOptimizer.Sms.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace JourneyOptimizer.Sms.IntegrationTests.Credentials;

/// <summary>
/// A portal whose Infobip client reaches a <see cref="FakeInfobip"/> (HTTPS on 127.0.0.1) as <see cref="Host"/>: every
/// name resolves to loopback, which the address guard lets through for the fake's exact endpoint only, and the fake's
/// certificate is trusted. Private networks stay refused, as in production.
/// </summary>
internal static class InfobipTestData
{
    public const string Host = "api.infobip.test";

    public static PortalFactory Portal(FakeInfobip infobip) => new()
    {
        Options = new PortalOptions
        {
            Services = services => services.AddSingleton(_ => new CustomProviderTestHooks
            {
                TrustedRoot = infobip.Certificate,
                AllowedEndpoints = [new IPEndPoint(IPAddress.Loopback, infobip.Port)],
                ResolveHost = (_, _) => Task.FromResult(new[] { IPAddress.Loopback }),
            }),
        },
    };

    /// <summary>The base URL as an administrator types it (a host, here with the fake's port).</summary>
    public static string BaseUrl(FakeInfobip infobip) => $"{Host}:{infobip.Port}";

    /// <summary>A key in Infobip's format (32 hex, a dash, a UUID), registered with the fake.</summary>
    public static string Key(FakeInfobip infobip)
    {
        var key = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)) + "-" + Guid.NewGuid();
        infobip.ApiKeys[key] = true;
        return key;
    }

    public static InfobipCredentialInput Input(FakeInfobip infobip, string? name = null) => new()
    {
        Name = name ?? TestData.Name("infobip"),
        ApiBaseUrl = BaseUrl(infobip),
        ApiKey = Key(infobip),
        InboundNumber = TestData.Number(),
        ValidityPeriodHours = 24,
        PrincipalEntityId = "1201159100000012345",
        ContentTemplateId = "1207161234567890123",
        CallbackData = "campaign=spring",
    };

    public static Dictionary<string, string> Form(InfobipCredentialInput input) => new()
    {
        ["Input.Vendor"] = "Infobip",
        ["Input.Infobip.Name"] = input.Name ?? "",
        ["Input.Infobip.ApiBaseUrl"] = input.ApiBaseUrl ?? "",
        ["Input.Infobip.ApiKey"] = input.ApiKey ?? "",
        ["Input.Infobip.InboundNumber"] = input.InboundNumber ?? "",
        ["Input.Infobip.ValidityPeriodHours"] = input.ValidityPeriodHours?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "",
        ["Input.Infobip.PrincipalEntityId"] = input.PrincipalEntityId ?? "",
        ["Input.Infobip.ContentTemplateId"] = input.ContentTemplateId ?? "",
        ["Input.Infobip.CallbackData"] = input.CallbackData ?? "",
        ["Input.Infobip.FuzzyOptOut"] = input.FuzzyOptOut ? "true" : "false",
        ["Input.Infobip.FuzzyAutoReply"] = input.FuzzyAutoReply ?? "",
    };

    public static async Task<int> CreateAsync(PortalFactory factory, int sandboxId, InfobipCredentialInput input)
    {
        await using var scope = factory.CreateScope();
        var result = await scope.ServiceProvider.GetRequiredService<ApiCredentialService>()
            .CreateAsync(sandboxId, SmsVendor.Infobip, input, new Actor("test", "seed@example.com"), saveWithoutVerification: false, CancellationToken.None);
        Assert.True(result.Outcome == CredentialOutcome.Created,
            $"{input.Name}: {result.Outcome} {string.Join("; ", result.FieldErrors.Select(e => e.Field + ": " + e.Message))} {factory.Logs.All}");
        return result.Id!.Value;
    }
}
