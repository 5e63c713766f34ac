using JourneyOptimizer.Sms.Core.Channels;
using JourneyOptimizer.Sms.Core.Credentials.Twilio;
using JourneyOptimizer.Sms.UnitTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Moq;
using static JourneyOptimizer.Sms.UnitTests.Channels.ChannelHarness;

namespace JourneyOptimizer.Sms.UnitTests.Channels;

/// <summary>The claim, the lease and the stale-result rules of the background checks, step by step on a fake clock.</summary>
public abstract partial class ChannelCheckProcessorTests(TestDatabase database) : IAsyncLifetime
{
    private readonly ChannelHarness _h = new(database);

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _h.DisposeAsync();

    [Fact]
    public async Task ProcessPending_AnItemClaimedByALiveInstance_IsLeftAlone_UntilItsLeaseExpires()
    {
        var credential = await _h.CreateTwilioCredentialAsync("main");
        var id = (await _h.CreateAsync(Input("promo", credential), submit: true)).Id!.Value;
        var crashed = _h.NewProcessor();
        Assert.True(await crashed.TryClaimAsync(id, 1, CancellationToken.None));

        // The instance that claimed it "crashed": another one must not take the item while the lease holds...
        var survivor = _h.NewProcessor();
        Assert.Equal(0, await survivor.ProcessPendingAsync(CancellationToken.None));
        _h.Time.Advance(TimeSpan.FromSeconds(_h.Options.LeaseSeconds - 1));
        Assert.Equal(0, await survivor.ProcessPendingAsync(CancellationToken.None));
        Assert.Equal(ChannelConfigurationStatus.Processing, (await _h.LoadAsync(id)).Status);

        // ...and takes it over once the lease has expired (a restart loses nothing).
        _h.Time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(1, await survivor.ProcessPendingAsync(CancellationToken.None));
        var stored = await _h.LoadAsync(id);
        Assert.Equal(ChannelConfigurationStatus.Active, stored.Status);
        Assert.Null(stored.ClaimedBy);
    }

    [Fact]
    public async Task TryClaim_TwoInstancesForOneItem_OnlyOneWins()
    {
        var credential = await _h.CreateTwilioCredentialAsync("main");
        var id = (await _h.CreateAsync(Input("promo", credential), submit: true)).Id!.Value;

        var first = await _h.NewProcessor().TryClaimAsync(id, 1, CancellationToken.None);
        var second = await _h.NewProcessor().TryClaimAsync(id, 1, CancellationToken.None);

        Assert.True(first);
        Assert.False(second);
    }

    [Fact]
    public async Task TryClaim_WithAnOldVersion_Fails()
    {
        var id = (await _h.CreateAsync(new ChannelConfigurationInput { Name = "draft" }, submit: false)).Id!.Value;
        await _h.WithCommandsAsync(s => s.UpdateAsync(Infrastructure.SqliteDatabase.Prod, id, 1, new ChannelConfigurationInput { Name = "draft" },
            false, Alice, CancellationToken.None));

        Assert.False(await _h.NewProcessor().TryClaimAsync(id, 1, CancellationToken.None));
    }

    [Fact]
    public async Task ProcessPending_ItemEditedWhileBeingChecked_TheStaleResultIsDropped_AndTheNewValuesAreChecked()
    {
        var credential = await _h.CreateTwilioCredentialAsync("main");
        var id = (await _h.CreateAsync(Input("promo", credential), submit: true)).Id!.Value;
        var processor = _h.NewProcessor();
        var edited = false;

        // While Twilio is being asked, someone changes the item (as an edit does: new version, claim released).
        _h.Database.Twilio.Setup(t => t.FetchAccountAsync(It.IsAny<TwilioApiCredentials>(), It.IsAny<CancellationToken>()))
            .Returns(async (TwilioApiCredentials c, CancellationToken ct) =>
            {
                if (!edited)
                {
                    edited = true;
                    await using var db = _h.Database.CreateContext();
                    var row = await db.Set<ChannelConfiguration>().SingleAsync(x => x.Id == id, ct);
                    row.Description = "edited meanwhile";
                    row.Version++;
                    row.ClaimedBy = null;
                    row.ClaimedUntilUtc = null;
                    await db.SaveChangesAsync(ct);
                }

                return TwilioResult.Success(new TwilioAccount(c.AccountSid, "Test", TwilioAccountStatus.Active, "active",
                    TwilioAccountType.Full, null, null, null));
            });

        // The stale result is dropped: nothing decided, the item is still waiting, with the new values...
        Assert.Equal(0, await processor.ProcessPendingAsync(CancellationToken.None));
        var waiting = await _h.LoadAsync(id);
        Assert.Equal(("edited meanwhile", ChannelConfigurationStatus.Processing), (waiting.Description, waiting.Status));

        // ...which the next round checks and decides.
        Assert.Equal(1, await processor.ProcessPendingAsync(CancellationToken.None));
        var stored = await _h.LoadAsync(id);
        Assert.Equal(ChannelConfigurationStatus.Active, stored.Status);
        var checks = await _h.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == ChannelConfigurationCommands.Actions.CheckPassed));
        Assert.Equal(1, checks);
    }

    [Fact]
    public async Task ProcessPending_ChecksThatOutlastTheTimeout_FailSayingSo()
    {
        var credential = await _h.CreateTwilioCredentialAsync("main");
        var id = (await _h.CreateAsync(Input("promo", credential), submit: true)).Id!.Value;
        _h.Database.Twilio.Setup(t => t.FetchAccountAsync(It.IsAny<TwilioApiCredentials>(), It.IsAny<CancellationToken>()))
            .Returns(async (TwilioApiCredentials _, CancellationToken ct) =>
            {
                _h.Time.Advance(TimeSpan.FromSeconds(_h.Options.CheckTimeoutSeconds + 1));
                await Task.Delay(Timeout.Infinite, ct);
                throw new InvalidOperationException("unreachable");
            });

        await _h.NewProcessor().ProcessPendingAsync(CancellationToken.None);

        var stored = await _h.LoadAsync(id);
        Assert.Equal(ChannelConfigurationStatus.Failed, stored.Status);
        var error = Assert.Single(CheckErrors.FromJson(stored.CheckErrorsJson));
        Assert.Equal(ChannelChecks.TimedOut, error.Message);
        Assert.Equal("30", error.Arguments[0]);
    }
}
