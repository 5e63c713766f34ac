using System.Security.Cryptography;
using JourneyOptimizer.Sms.Core.Common;
using JourneyOptimizer.Sms.Core.Credentials;
using JourneyOptimizer.Sms.Core.Credentials.Twilio;
using JourneyOptimizer.Sms.Core.Sandboxes;
using Microsoft.Extensions.DependencyInjection;

namespace JourneyOptimizer.Sms.IntegrationTests.Infrastructure;

public static class TestData
{
    public static string Hex32() => Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();

    public static string AccountSid() => "AC" + Hex32();

    public static string ServiceSid() => "MG" + Hex32();

    private static int _number = RandomNumberGenerator.GetInt32(1000, 8000);

    /// <summary>A valid, unique US number (+1 415 555 01xx-style numbers are valid for libphonenumber).</summary>
    public static string Number()
    {
        var n = Interlocked.Increment(ref _number);
        return $"+1415{(n / 10000) + 200:000}{n % 10000:0000}";
    }

    public static string Name(string prefix = "cred") => $"{prefix}-{Guid.NewGuid():N}"[..30];

    public static TwilioCredentialInput Twilio(string? name = null) => new()
    {
        Name = name ?? Name(),
        AccountSid = AccountSid(),
        AuthToken = Hex32(),
        MessagingServiceSid = ServiceSid(),
        InboundNumber = Number(),
    };

    public static Dictionary<string, string> TwilioForm(TwilioCredentialInput input) => new()
    {
        ["Input.Vendor"] = "Twilio",
        ["Input.Twilio.Name"] = input.Name ?? "",
        ["Input.Twilio.AccountSid"] = input.AccountSid ?? "",
        ["Input.Twilio.AuthToken"] = input.AuthToken ?? "",
        ["Input.Twilio.MessagingServiceSid"] = input.MessagingServiceSid ?? "",
        ["Input.Twilio.InboundNumber"] = input.InboundNumber ?? "",
    };

    public static async Task<int> CreateTwilioAsync(PortalFactory factory, int sandboxId, TwilioCredentialInput input,
        bool saveWithoutVerification = false)
    {
        ArgumentNullException.ThrowIfNull(factory);
        await using var scope = factory.CreateScope();
        var result = await scope.ServiceProvider.GetRequiredService<ApiCredentialService>()
            .CreateAsync(sandboxId, SmsVendor.Twilio, input, new Actor("test", "seed@example.com"), saveWithoutVerification, CancellationToken.None);
        Assert.True(result.Outcome == CredentialOutcome.Created,
            $"{input.Name}: {result.Outcome} {string.Join("; ", result.FieldErrors.Select(e => e.Field + ": " + e.Message))} {factory.Logs.All}");
        return result.Id!.Value;
    }

    public static async Task<SandboxRef> SandboxAsync(PortalFactory factory, string name)
    {
        ArgumentNullException.ThrowIfNull(factory);
        await using var scope = factory.CreateScope();
        var sandboxes = scope.ServiceProvider.GetRequiredService<SandboxService>();
        var existing = await sandboxes.FindByNameAsync(name, CancellationToken.None);
        if (existing is not null)
        {
            return existing;
        }

        var result = await sandboxes.CreateAsync(new SandboxInput { Name = name, Title = name.ToUpperInvariant() },
            new Actor("test", "seed@example.com"), CancellationToken.None);
        Assert.Equal(SandboxOutcome.Created, result.Outcome);
        return (await sandboxes.FindByNameAsync(name, CancellationToken.None))!;
    }

    public static string CredentialsUrl(string sandbox) => $"/sandboxes/{sandbox}/administration/channels/smssettings/apicredentials";
}
