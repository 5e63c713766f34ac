using System.Globalization;
using JourneyOptimizer.Sms.Core.Channels;
using JourneyOptimizer.Sms.Core.Common;
using JourneyOptimizer.Sms.Core.Credentials;
using JourneyOptimizer.Sms.Core.Credentials.Twilio;
using JourneyOptimizer.Sms.IntegrationTests.Api;
using JourneyOptimizer.Sms.IntegrationTests.Channels;
using JourneyOptimizer.Sms.IntegrationTests.Infrastructure;
using JourneyOptimizer.Sms.IntegrationTests.Localization;
using JourneyOptimizer.Sms.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace JourneyOptimizer.Sms.IntegrationTests.Credentials;

/// <summary>
/// The scheduled re-checks of API credentials against the fake Twilio on 127.0.0.1: the test runs one round of the job
/// (the loop is off in tests) after making a credential due, as the interval would.
/// </summary>
public sealed class CredentialRecheckTests : IAsyncLifetime
{
    private readonly PortalFactory _factory = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    private CredentialCheckProcessor Processor => _factory.Services.GetRequiredService<CredentialCheckProcessor>();

    /// <summary>A credential of a registered (strict) fake Twilio account, verified on create.</summary>
    private async Task<(int Id, TwilioCredentialInput Input)> VerifiedAsync(int sandboxId)
    {
        var input = TestData.Twilio();
        _factory.Twilio.Accounts[input.AccountSid!] = new FakeTwilioAccount
        {
            Token = input.AuthToken,
            Services = { input.MessagingServiceSid! },
            Numbers = { input.InboundNumber! },
        };
        var id = await TestData.CreateTwilioAsync(_factory, sandboxId, input);
        return (id, input);
    }

    /// <summary>Moves the last verification back past the interval: due, as six hours later.</summary>
    private Task<int> MakeDueAsync(int id) => _factory.WithDbAsync(db => db.ApiCredentials.Where(c => c.Id == id)
        .ExecuteUpdateAsync(s => s.SetProperty(c => c.LastVerifiedAtUtc, DateTime.UtcNow.AddHours(-7))));

    private Task<ApiCredential> LoadAsync(int id) => _factory.WithDbAsync(db => db.ApiCredentials.AsNoTracking().SingleAsync(c => c.Id == id));

    [Fact]
    public async Task ARevokedToken_TurnsFailedWithTheReason_AfterOneScheduledRun_AndWarnsOnItsChannelConfigurations()
    {
        var sandbox = (await TestData.SandboxAsync(_factory, "prod")).Id;
        var (id, input) = await VerifiedAsync(sandbox);
        var channelName = "Promo" + TestData.Hex32()[..6];
        var sender = input.InboundNumber!;
        var channel = await _factory.CreateChannelAsync(sandbox, new ChannelConfigurationInput
        {
            Name = channelName,
            SmsType = SmsType.Marketing,
            ApiCredentialId = id,
            SenderNumber = sender,
        }, submit: true);
        await _factory.ChannelChecks.ProcessPendingAsync(CancellationToken.None);
        Assert.Equal(ChannelConfigurationStatus.Active, (await _factory.LoadChannelAsync(channel)).Status);

        // Not due yet: a round leaves a freshly verified credential alone.
        Assert.Equal(0, (await Processor.RunDueAsync(CancellationToken.None)).Checked);

        // The token is revoked in Twilio; nobody opens the credential.
        _factory.Twilio.Accounts[input.AccountSid!].Token = TestData.Hex32();
        await MakeDueAsync(id);
        var before = DateTime.UtcNow;
        var round = await Processor.RunDueAsync(CancellationToken.None);

        Assert.Equal((1, 1, false), (round.Checked, round.Failed, round.ProviderBusy));
        var stored = await LoadAsync(id);
        Assert.Equal(VerificationStatus.Failed, stored.VerificationStatus);
        Assert.Equal(TwilioErrorText.WrongCredentials, stored.LastVerificationError);
        Assert.True(stored.LastVerifiedAtUtc >= before.AddSeconds(-1));
        // Next check one interval (6 hours) later, plus at most a tenth of it to spread credentials out.
        Assert.InRange(stored.NextCheckAtUtc!.Value, before.AddHours(6).AddSeconds(-1), DateTime.UtcNow.AddHours(6.6));
        var audit = await _factory.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .SingleAsync(a => a.ObjectType == "ApiCredential" && a.ObjectId == id.ToString(CultureInfo.InvariantCulture) && a.Action == "Rechecked"));
        Assert.Equal("system", audit.UserName);
        Assert.Contains("\"oldValue\":\"Verified\",\"newValue\":\"Failed\"", audit.ChangesJson, StringComparison.Ordinal);
        Assert.Contains(TwilioErrorText.WrongCredentials, audit.ChangesJson, StringComparison.Ordinal);

        // The channel configuration stays Active, with a warning on its row.
        Assert.Equal(ChannelConfigurationStatus.Active, (await _factory.LoadChannelAsync(channel)).Status);
        using var client = await PortalClient.SignedInAsync(_factory);
        var channels = await client.GetDocumentAsync(ChannelTestData.Url("prod"));
        var row = channels.QuerySelectorAll("tbody tr").Single(r => r.TextContent.Contains(channelName, StringComparison.Ordinal));
        Assert.Contains(TwilioErrorText.WrongCredentials, row.QuerySelector("[data-testid=credential-warning]")!.TextContent, StringComparison.Ordinal);
        var channelPage = await client.GetDocumentAsync(ChannelTestData.Url("prod") + "/edit/" + channel.ToString(CultureInfo.InvariantCulture));
        Assert.Contains(TwilioErrorText.WrongCredentials, channelPage.QuerySelector("[data-testid=credential-warning]")!.TextContent, StringComparison.Ordinal);

        // The list shows the status, when it was checked and why it failed, in the user's language.
        var list = await client.GetDocumentAsync(TestData.CredentialsUrl("prod"));
        var credentialRow = list.QuerySelectorAll("[data-testid=credentials-table] tbody tr").Single(r => r.TextContent.Contains(input.Name!, StringComparison.Ordinal));
        Assert.Contains("Failed", credentialRow.TextContent, StringComparison.Ordinal);
        Assert.StartsWith("Checked ", credentialRow.QuerySelector("[data-testid=last-check]")!.TextContent.Trim(), StringComparison.Ordinal);
        Assert.Equal(TwilioErrorText.WrongCredentials, credentialRow.QuerySelector("[data-testid=failure-reason]")!.TextContent.Trim());

        // The next round finds nothing due; a second failure with the same reason would not be audited again.
        Assert.Equal(0, (await Processor.RunDueAsync(CancellationToken.None)).Checked);
    }

    [Fact]
    public async Task AReasonWithAnArgument_IsShownOnTheList_InTheUsersLanguage_WithItsArgument()
    {
        var sandbox = (await TestData.SandboxAsync(_factory, "prod")).Id;
        var (id, input) = await VerifiedAsync(sandbox);

        // Twilio now answers the account with a status the portal has no sentence of its own for: the reason has it as {0}.
        var account = _factory.Twilio.Accounts[input.AccountSid!];
        _factory.Twilio.Accounts[input.AccountSid!] = new FakeTwilioAccount
        {
            Token = account.Token,
            Status = "pending",
            Services = account.Services,
            Numbers = account.Numbers,
        };
        await MakeDueAsync(id);
        Assert.Equal(1, (await Processor.RunDueAsync(CancellationToken.None)).Failed);

        var stored = StoredMessage.Decode((await LoadAsync(id)).LastVerificationError!);
        Assert.Equal(TwilioCredentialVerifier.AccountNotActive, stored.Key);
        Assert.Equal(["pending"], stored.Arguments);
        foreach (var culture in new[] { PortalCultures.English, PortalCultures.ChineseSimplified, PortalCultures.PortugueseBrazil })
        {
            using var client = await LocalizedClient.SignedInAsync(_factory, culture);
            var list = await client.GetDocumentAsync(TestData.CredentialsUrl("prod"));
            var row = list.QuerySelectorAll("[data-testid=credentials-table] tbody tr")
                .Single(r => r.TextContent.Contains(input.Name!, StringComparison.Ordinal));
            var reason = row.QuerySelector("[data-testid=failure-reason]")!.TextContent.Trim();
            Assert.Equal(LocalizedClient.T(culture, TwilioCredentialVerifier.AccountNotActive, "pending"), reason);
            Assert.DoesNotContain("{0}", reason, StringComparison.Ordinal);
        }

        // The API answers the reason in the request's language too.
        using var api = await ApiScript.WithKeyAsync(_factory, await ApiScript.CreateKeyOnPageAsync(_factory));
        api.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("zh-Hans");
        var (_, body) = await api.GetAsync("/api/v1/sandboxes/prod/credentials/" + id.ToString(CultureInfo.InvariantCulture));
        Assert.Equal(LocalizedClient.T(PortalCultures.ChineseSimplified, TwilioCredentialVerifier.AccountNotActive, "pending"),
            (string?)body!["lastVerificationError"]);

        Assert.Equal("This Twilio account is not active (status: pending).",
            LocalizedClient.T(PortalCultures.English, TwilioCredentialVerifier.AccountNotActive, "pending"));
        Assert.Equal("此Twilio帐户未处于活动状态（状态：pending）。",
            LocalizedClient.T(PortalCultures.ChineseSimplified, TwilioCredentialVerifier.AccountNotActive, "pending"));
    }

    [Fact]
    public async Task TheTokenRestored_TurnsItVerifiedAgain_AndTheWarningGoes()
    {
        var sandbox = (await TestData.SandboxAsync(_factory, "prod")).Id;
        var (id, input) = await VerifiedAsync(sandbox);
        var token = input.AuthToken;
        _factory.Twilio.Accounts[input.AccountSid!].Token = TestData.Hex32();
        await MakeDueAsync(id);
        await Processor.RunDueAsync(CancellationToken.None);
        Assert.Equal(VerificationStatus.Failed, (await LoadAsync(id)).VerificationStatus);

        _factory.Twilio.Accounts[input.AccountSid!].Token = token;
        await _factory.WithDbAsync(db => db.ApiCredentials.Where(c => c.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.NextCheckAtUtc, DateTime.UtcNow.AddMinutes(-1))));
        var round = await Processor.RunDueAsync(CancellationToken.None);

        Assert.Equal((1, 0), (round.Checked, round.Failed));
        var stored = await LoadAsync(id);
        Assert.Equal(VerificationStatus.Verified, stored.VerificationStatus);
        Assert.Null(stored.LastVerificationError);
        Assert.Equal(2, await _factory.WithDbAsync(db => db.AuditEntries.CountAsync(a =>
            a.ObjectType == "ApiCredential" && a.ObjectId == id.ToString(CultureInfo.InvariantCulture) && a.Action == "Rechecked")));
    }

    [Fact]
    public async Task AnUnreachableProvider_KeepsTheStatus_RetriesThatCredentialLater_AndEndsTheRound()
    {
        var sandbox = (await TestData.SandboxAsync(_factory, "prod")).Id;
        var (first, _) = await VerifiedAsync(sandbox);
        var (second, _) = await VerifiedAsync(sandbox);
        await MakeDueAsync(first);
        await MakeDueAsync(second);
        _factory.Twilio.Down = true;
        try
        {
            var before = DateTime.UtcNow;
            var round = await Processor.RunDueAsync(CancellationToken.None);

            // One credential was tried; the round stopped there, so the provider is not asked again until the back-off.
            Assert.Equal((1, true), (round.Checked, round.ProviderBusy));
            var tried = await LoadAsync(first);
            var untouched = await LoadAsync(second);
            Assert.Equal(VerificationStatus.Verified, tried.VerificationStatus);
            Assert.InRange(tried.NextCheckAtUtc!.Value, before.AddMinutes(15).AddSeconds(-1), DateTime.UtcNow.AddMinutes(15));
            Assert.Null(untouched.NextCheckAtUtc);
        }
        finally
        {
            _factory.Twilio.Down = false;
        }

        var options = new CredentialChecksOptions();
        Assert.Equal(TimeSpan.FromMinutes(1), CredentialCheckService.NextBackoff(TimeSpan.Zero, options));
        Assert.Equal(TimeSpan.FromMinutes(2), CredentialCheckService.NextBackoff(TimeSpan.FromMinutes(1), options));
        Assert.Equal(TimeSpan.FromHours(1), CredentialCheckService.NextBackoff(TimeSpan.FromMinutes(40), options));
    }

    [Fact]
    public async Task ACredentialClaimedByOneInstance_IsNotCheckedByAnother()
    {
        var sandbox = (await TestData.SandboxAsync(_factory, "prod")).Id;
        var (id, _) = await VerifiedAsync(sandbox);
        await MakeDueAsync(id);
        var other = ActivatorUtilities.CreateInstance<CredentialCheckProcessor>(_factory.Services);

        Assert.True(await other.TryClaimAsync(id, null, CancellationToken.None));
        Assert.False(await Processor.TryClaimAsync(id, null, CancellationToken.None));
        var requests = _factory.Twilio.Requests.Count;
        Assert.Equal(0, (await Processor.RunDueAsync(CancellationToken.None)).Checked);
        Assert.Equal(requests, _factory.Twilio.Requests.Count);
    }
}
