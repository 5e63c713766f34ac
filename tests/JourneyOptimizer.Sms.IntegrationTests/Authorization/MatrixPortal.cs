using System.Globalization;
using JourneyOptimizer.Sms.Core.Channels;
using JourneyOptimizer.Sms.Core.Consent;
using JourneyOptimizer.Sms.Core.Credentials;
using JourneyOptimizer.Sms.Core.Data;
using JourneyOptimizer.Sms.Core.Identity;
using JourneyOptimizer.Sms.Core.Webhooks;
using JourneyOptimizer.Sms.IntegrationTests.Infrastructure;
using JourneyOptimizer.Sms.IntegrationTests.Users;
using JourneyOptimizer.Sms.IntegrationTests.Webhooks;
using Microsoft.Extensions.DependencyInjection;

namespace JourneyOptimizer.Sms.IntegrationTests.Authorization;

/// <summary>
/// Two sandboxes (A and B), an object of each kind in A, and the four kinds of signed-in users of the matrix:
/// View A, Manage A, Manage B and a System administrator (plus anonymous).
/// </summary>
public sealed class MatrixPortal : IAsyncLifetime
{
    public PortalFactory Portal { get; } = new();

    public const string SandboxA = "matrix-a";
    public const string SandboxB = "matrix-b";

    public int SandboxAId { get; private set; }

    public int SandboxBId { get; private set; }

    public int CredentialAId { get; private set; }

    public int WebhookAId { get; private set; }

    public string WebhookAToken { get; private set; } = "";

    public int ChannelConfigurationAId { get; private set; }

    public string UserId { get; private set; } = "";

    public IReadOnlyList<RawSession> Sessions { get; private set; } = [];

    public RawSession Anonymous => Sessions[0];

    public RawSession ViewA => Sessions[1];

    public RawSession ManageA => Sessions[2];

    public RawSession ManageB => Sessions[3];

    public RawSession Administrator => Sessions[4];

    public async ValueTask InitializeAsync()
    {
        SandboxAId = (await TestData.SandboxAsync(Portal, SandboxA)).Id;
        SandboxBId = (await TestData.SandboxAsync(Portal, SandboxB)).Id;
        CredentialAId = await NewCredentialAsync();
        (WebhookAId, WebhookAToken) = await NewWebhookAsync();
        ChannelConfigurationAId = await NewChannelConfigurationAsync();
        var viewA = TestUsers.Email("view-a");
        var manageA = TestUsers.Email("manage-a");
        var manageB = TestUsers.Email("manage-b");
        UserId = await TestUsers.CreateAsync(Portal, viewA, false, (SandboxAId, SandboxAccess.View));
        await TestUsers.CreateAsync(Portal, manageA, false, (SandboxAId, SandboxAccess.Manage));
        await TestUsers.CreateAsync(Portal, manageB, false, (SandboxBId, SandboxAccess.Manage));
        Sessions =
        [
            await RawSession.AnonymousAsync(Portal),
            await RawSession.SignedInAsync(Portal, "View A", viewA, TestUsers.Password),
            await RawSession.SignedInAsync(Portal, "Manage A", manageA, TestUsers.Password),
            await RawSession.SignedInAsync(Portal, "Manage B", manageB, TestUsers.Password),
            await RawSession.SignedInAsync(Portal, "System administrator", PortalFactory.AdminEmail, PortalFactory.AdminPassword),
        ];
    }

    public Task<int> NewCredentialAsync() => TestData.CreateTwilioAsync(Portal, SandboxAId, TestData.Twilio());

    /// <summary>A Twilio Inbound webhook of sandbox A on a fresh credential (the pages that talk to the provider need one).</summary>
    public async Task<int> NewTwilioWebhookAsync()
    {
        var input = TestData.Twilio();
        var credentialId = await TestData.CreateTwilioAsync(Portal, SandboxAId, input);
        await using var scope = Portal.CreateScope();
        var result = await scope.ServiceProvider.GetRequiredService<WebhookService>().CreateAsync(SandboxAId, new WebhookInput
        {
            Name = "Twilio hook " + Guid.NewGuid().ToString("N")[..8],
            Vendor = SmsVendor.Twilio,
            Type = WebhookType.Inbound,
            ApiCredentialId = credentialId,
            SenderNumber = input.InboundNumber,
        }, new Core.Common.Actor("seed", "seed"), CancellationToken.None);
        return result.Id!.Value;
    }

    /// <summary>A user that a POST may change freely (the sample of a write to a user page).</summary>
    public Task<string> NewUserAsync() => TestUsers.CreateAsync(Portal, TestUsers.Email("sample"), false, (SandboxAId, SandboxAccess.View));

    /// <summary>
    /// A Custom inbound webhook of sandbox A on a fresh credential (Custom: it has a signing secret, so every webhook
    /// page applies to it): its id and its path token.
    /// </summary>
    public async Task<(int Id, string Token)> NewWebhookAsync()
    {
        var credentialId = await WebhookTestData.CustomCredentialAsync(Portal, SandboxAId, "Custom " + Guid.NewGuid().ToString("N")[..8]);
        var token = "matrix" + Guid.NewGuid().ToString("N");
        await using var scope = Portal.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<SmsDbContext>();
        var webhook = new Webhook
        {
            SandboxId = SandboxAId,
            Name = "Hook " + token[..14],
            NormalizedName = ("Hook " + token[..14]).ToUpperInvariant(),
            Vendor = SmsVendor.Custom,
            Type = WebhookType.Inbound,
            SigningSecretHash = WebhookService.HashSecret("matrix-secret-" + token),
            SigningSecretHint = "cret",
            PayloadMappingJson = new PayloadMapping
            {
                Paths = new Dictionary<NormalizedField, string>
                {
                    [NormalizedField.InboundMessage] = "text",
                    [NormalizedField.ProfileNumber] = "from",
                    [NormalizedField.RequestId] = "id",
                },
            }.ToJson(),
            ApiCredentialId = credentialId,
            SenderNumber = TestData.Number(),
            PathToken = token,
            KeywordSettingsJson = new InboundKeywordSettings().ToJson(),
            CreatedBy = "seed",
            ModifiedBy = "seed",
        };
        db.Webhooks.Add(webhook);
        await db.SaveChangesAsync();
        return (webhook.Id, token);
    }

    /// <summary>A Draft channel configuration of sandbox A.</summary>
    public async Task<int> NewChannelConfigurationAsync()
    {
        await using var scope = Portal.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<SmsDbContext>();
        var name = "cc_" + Guid.NewGuid().ToString("N")[..12];
        var configuration = new ChannelConfiguration
        {
            SandboxId = SandboxAId,
            Name = name,
            NormalizedName = name.ToUpperInvariant(),
            Status = ChannelConfigurationStatus.Draft,
            CreatedBy = "seed",
            ModifiedBy = "seed",
        };
        db.Add(configuration);
        await db.SaveChangesAsync();
        return configuration.Id;
    }

    /// <summary>A consent record of sandbox A (opted in).</summary>
    public async Task<long> NewConsentAsync()
    {
        await using var scope = Portal.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<SmsDbContext>();
        var record = new ConsentRecord
        {
            SandboxId = SandboxAId,
            SenderNumber = TestData.Number(),
            ProfileNumber = TestData.Number(),
            State = ConsentState.OptedIn,
            Source = ConsentSource.Keyword,
            ChangedBy = "SMS",
        };
        db.ConsentRecords.Add(record);
        await db.SaveChangesAsync();
        return record.Id;
    }

    public static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);

    public ValueTask DisposeAsync() => Portal.DisposeAsync();
}
