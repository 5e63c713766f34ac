using JourneyOptimizer.Sms.Core.Credentials;
using JourneyOptimizer.Sms.Core.Credentials.Twilio;
using JourneyOptimizer.Sms.UnitTests.Channels;
using JourneyOptimizer.Sms.UnitTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;

namespace JourneyOptimizer.Sms.UnitTests.Credentials;

/// <summary>
/// The scheduled credential re-checks on a real database (SQLite and PostgreSQL) and a fake clock: what is due, the
/// claim and its lease, the outcome recorded and audited.
/// </summary>
public abstract partial class CredentialCheckProcessorTests(TestDatabase database) : IAsyncLifetime
{
    private readonly ChannelHarness _h = new(database);

    private readonly CredentialChecksOptions _options = new() { Spacing = TimeSpan.Zero };

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _h.DisposeAsync();

    private CredentialCheckProcessor NewProcessor() => new(_h.Scopes, _h.Database.Vendors, _h.Time,
        Microsoft.Extensions.Options.Options.Create(_options), NullLogger<CredentialCheckProcessor>.Instance);

    private Task<ApiCredential> LoadAsync(int id) => _h.WithDbAsync(db => db.ApiCredentials.AsNoTracking().SingleAsync(c => c.Id == id));

    [Fact]
    public async Task RunDue_ChecksACredentialOneIntervalAfterItsVerification_ThenSchedulesTheNextWithJitter()
    {
        var id = await _h.CreateTwilioCredentialAsync("main");
        var processor = NewProcessor();

        _h.Time.Advance(TimeSpan.FromHours(6) - TimeSpan.FromMinutes(1));
        Assert.Equal(0, (await processor.RunDueAsync(CancellationToken.None)).Checked);

        _h.Time.Advance(TimeSpan.FromMinutes(2));
        var now = _h.Time.GetUtcNow().UtcDateTime;
        Assert.Equal(1, (await processor.RunDueAsync(CancellationToken.None)).Checked);
        var stored = await LoadAsync(id);
        Assert.Equal(VerificationStatus.Verified, stored.VerificationStatus);
        Assert.Equal(now, stored.LastVerifiedAtUtc!.Value, TimeSpan.FromMilliseconds(1));
        Assert.InRange(stored.NextCheckAtUtc!.Value, now.AddHours(6), now.AddHours(6.6));
        Assert.Equal(0, (await processor.RunDueAsync(CancellationToken.None)).Checked);
        // Still verified: nothing changed, nothing audited.
        Assert.Equal(0, await _h.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == ApiCredentialService.RecheckedAction)));
    }

    [Fact]
    public async Task AClaimedCredential_IsLeftAlone_UntilTheLeaseEnds()
    {
        var id = await _h.CreateTwilioCredentialAsync("main");
        _h.Time.Advance(TimeSpan.FromHours(7));
        var crashed = NewProcessor();
        Assert.True(await crashed.TryClaimAsync(id, null, CancellationToken.None));
        Assert.False(await NewProcessor().TryClaimAsync(id, null, CancellationToken.None));

        var survivor = NewProcessor();
        _h.Time.Advance(_options.Lease - TimeSpan.FromSeconds(1));
        Assert.Equal(0, (await survivor.RunDueAsync(CancellationToken.None)).Checked);
        _h.Time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(1, (await survivor.RunDueAsync(CancellationToken.None)).Checked);
    }

    [Fact]
    public async Task ARefusedCredential_TurnsFailed_WithTheReason_AndIsAuditedAsTheSystem()
    {
        var id = await _h.CreateTwilioCredentialAsync("main");
        _h.Database.Twilio.Setup(t => t.FetchAccountAsync(It.IsAny<TwilioApiCredentials>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(TwilioResult.Fail<TwilioAccount>(new TwilioFailure(TwilioFailureKind.Unauthorized, 401, 20003)));
        _h.Time.Advance(TimeSpan.FromHours(7));

        var round = await NewProcessor().RunDueAsync(CancellationToken.None);

        Assert.Equal((1, 1, false), (round.Checked, round.Failed, round.ProviderBusy));
        var stored = await LoadAsync(id);
        Assert.Equal(VerificationStatus.Failed, stored.VerificationStatus);
        Assert.Equal(TwilioErrorText.WrongCredentials, stored.LastVerificationError);
        var entry = await _h.WithDbAsync(db => db.AuditEntries.SingleAsync(a => a.Action == ApiCredentialService.RecheckedAction));
        Assert.Equal(("system", TestDatabase.Prod), (entry.UserName, entry.SandboxId));
    }
}

public abstract partial class CredentialCheckProcessorTests
{
    public sealed class OnSqlite() : CredentialCheckProcessorTests(new SqliteDatabase());

    public sealed class OnPostgreSql(JourneyOptimizer.Sms.Testing.PostgreSqlCluster cluster) : CredentialCheckProcessorTests(new PostgreSqlDatabase(cluster));
}
