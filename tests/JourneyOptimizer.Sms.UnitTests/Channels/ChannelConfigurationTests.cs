using JourneyOptimizer.Sms.Core.Channels;
using JourneyOptimizer.Sms.Core.Consent;
using JourneyOptimizer.Sms.Core.Credentials;
using JourneyOptimizer.Sms.Core.Credentials.Twilio;
using JourneyOptimizer.Sms.UnitTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Moq;
using static JourneyOptimizer.Sms.UnitTests.Channels.ChannelHarness;

namespace JourneyOptimizer.Sms.UnitTests.Channels;

/// <summary>Every lifecycle transition of PRODUCT.md 5 and every refused one, test messages and the list, on real SQLite and
/// PostgreSQL.</summary>
public abstract partial class ChannelConfigurationTests(TestDatabase database) : IAsyncLifetime
{
    private readonly ChannelHarness _h = new(database);

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _h.DisposeAsync();

    private Task<ChannelConfigurationResult> Act(Func<ChannelConfigurationCommands, Task<ChannelConfigurationResult>> action) =>
        _h.WithCommandsAsync(action);

    private Task<List<string>> AuditActionsAsync(int id) => _h.WithDbAsync(db => db.AuditEntries
        .Where(a => a.ObjectType == ChannelConfigurationCommands.AuditObjectType && a.ObjectId == id.ToString(System.Globalization.CultureInfo.InvariantCulture))
        .OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());

    [Fact]
    public async Task CreateAsync_SaveAsDraft_IsDraftWithNormalisedValuesAndAudit()
    {
        var credential = await _h.CreateTwilioCredentialAsync("main");
        var input = Input("  promo  ", credential, sender: "+1 (415) 555-0100");
        input.Subdomain = "Go.Example.COM";
        input.Description = "  ";

        var result = await _h.CreateAsync(input, submit: false);

        Assert.Equal(ChannelConfigurationOutcome.Saved, result.Outcome);
        var stored = await _h.LoadAsync(result.Id!.Value);
        Assert.Equal(("promo", "PROMO", ChannelConfigurationStatus.Draft), (stored.Name, stored.NormalizedName, stored.Status));
        Assert.Equal(("+14155550100", "go.example.com", (string?)null), (stored.SenderNumber, stored.Subdomain, stored.Description));
        Assert.Equal(MobileChannel.Sms, stored.Channel);
        Assert.Equal(1, stored.Version);
        Assert.Equal(["Created"], await AuditActionsAsync(stored.Id));
    }

    [Fact]
    public async Task CreateAsync_DraftMayLeaveTypeCredentialAndSenderEmpty_SubmitMayNot()
    {
        var draft = await _h.CreateAsync(new ChannelConfigurationInput { Name = "empty" }, submit: false);
        Assert.Equal(ChannelConfigurationOutcome.Saved, draft.Outcome);

        var submitted = await _h.CreateAsync(new ChannelConfigurationInput { Name = "empty2" }, submit: true);
        Assert.Equal(ChannelConfigurationOutcome.Invalid, submitted.Outcome);
        Assert.Equal(["SmsType", "ApiCredentialId", "SenderNumber"], submitted.FieldErrors.Select(e => e.Field));
        Assert.False(await _h.WithDbAsync(db => db.Set<ChannelConfiguration>().AnyAsync(c => c.Name == "empty2")));
    }

    [Fact]
    public async Task CreateAsync_NameTakenCaseInsensitively_IsRefusedOnTheNameField_ButFreeInAnotherSandbox()
    {
        var credential = await _h.CreateTwilioCredentialAsync("main");
        var devCredential = await _h.CreateTwilioCredentialAsync("main", SqliteDatabase.Dev);
        await _h.CreateAsync(Input("Promo", credential), submit: false);

        var taken = await _h.CreateAsync(Input("PROMO", credential), submit: false);
        var otherSandbox = await _h.CreateAsync(Input("promo", devCredential), submit: false, SqliteDatabase.Dev);

        Assert.Equal(ChannelConfigurationOutcome.NameTaken, taken.Outcome);
        Assert.Equal("Name", Assert.Single(taken.FieldErrors).Field);
        Assert.Equal(ChannelConfigurationOutcome.Saved, otherSandbox.Outcome);
    }

    [Fact]
    public async Task CreateAsync_CredentialOfAnotherSandbox_IsRefusedAsUnknown()
    {
        var devCredential = await _h.CreateTwilioCredentialAsync("dev-cred", SqliteDatabase.Dev);

        var result = await _h.CreateAsync(Input("promo", devCredential), submit: true);

        Assert.Equal(ChannelConfigurationOutcome.Invalid, result.Outcome);
        var error = Assert.Single(result.FieldErrors);
        Assert.Equal(("ApiCredentialId", ChannelConfigurationRules.CredentialNotFound), (error.Field, error.Message));
    }

    [Fact]
    public async Task Submit_ThenChecksPass_IsActive_AndEveryTransitionIsAudited()
    {
        var credential = await _h.CreateTwilioCredentialAsync("main");
        var created = await _h.CreateAsync(Input("promo", credential), submit: true);
        Assert.Equal(ChannelConfigurationStatus.Processing, (await _h.LoadAsync(created.Id!.Value)).Status);

        Assert.Equal(1, await _h.NewProcessor().ProcessPendingAsync(CancellationToken.None));

        var stored = await _h.LoadAsync(created.Id.Value);
        Assert.Equal(ChannelConfigurationStatus.Active, stored.Status);
        Assert.Null(stored.ClaimedBy);
        Assert.Null(stored.CheckErrorsJson);
        Assert.Equal(["Created", "Submitted", "CheckPassed"], await AuditActionsAsync(stored.Id));
        Assert.Equal(0, await _h.NewProcessor().ProcessPendingAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Submit_ThenTwilioRefusesTheSender_IsFailedWithTheReason_ThenCanBeFixedAndResubmitted()
    {
        var credential = await _h.CreateTwilioCredentialAsync("main");
        _h.Database.Twilio.Setup(t => t.FindIncomingPhoneNumberAsync(It.IsAny<TwilioApiCredentials>(), "+14155550199", It.IsAny<CancellationToken>()))
            .ReturnsAsync(TwilioResult.Success<TwilioIncomingPhoneNumber?>(null));
        _h.Database.Twilio.Setup(t => t.FindServicePhoneNumberAsync(It.IsAny<TwilioApiCredentials>(), It.IsAny<string>(), "+14155550199",
                It.IsAny<CancellationToken>()))
            .ReturnsAsync(TwilioResult.Success<TwilioServicePhoneNumber?>(null));
        var created = await _h.CreateAsync(Input("promo", credential, sender: "+14155550199"), submit: true);

        await _h.NewProcessor().ProcessPendingAsync(CancellationToken.None);

        var failed = await _h.LoadAsync(created.Id!.Value);
        Assert.Equal(ChannelConfigurationStatus.Failed, failed.Status);
        var reason = Assert.Single(CheckErrors.FromJson(failed.CheckErrorsJson));
        Assert.Equal(("SenderNumber", TwilioCredentialVerifier.NumberNotInAccount), (reason.Field, reason.Message));

        var resubmitted = await Act(s => s.UpdateAsync(SqliteDatabase.Prod, failed.Id, failed.Version, Input("promo", credential), submit: true,
            Alice, CancellationToken.None));
        Assert.Equal(ChannelConfigurationOutcome.Submitted, resubmitted.Outcome);
        Assert.Null((await _h.LoadAsync(failed.Id)).CheckErrorsJson);
        await _h.NewProcessor().ProcessPendingAsync(CancellationToken.None);
        Assert.Equal(ChannelConfigurationStatus.Active, (await _h.LoadAsync(failed.Id)).Status);
    }

    [Fact]
    public async Task Submit_WhenTwilioIsUnreachable_IsFailedSayingSo()
    {
        var credential = await _h.CreateTwilioCredentialAsync("main");
        var created = await _h.CreateAsync(Input("promo", credential), submit: true);
        _h.Database.Twilio.Setup(t => t.FetchAccountAsync(It.IsAny<TwilioApiCredentials>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(TwilioResult.Fail<TwilioAccount>(TwilioFailureKind.Unreachable));

        await _h.NewProcessor().ProcessPendingAsync(CancellationToken.None);

        var stored = await _h.LoadAsync(created.Id!.Value);
        Assert.Equal(ChannelConfigurationStatus.Failed, stored.Status);
        Assert.Contains(CheckErrors.FromJson(stored.CheckErrorsJson), e => e.Message == ChannelChecks.ProviderUnreachable);
    }

    [Fact]
    public async Task Failed_CanBeSavedBackToDraft_AndDeleted()
    {
        var credential = await _h.CreateTwilioCredentialAsync("main");
        _h.Database.Twilio.Setup(t => t.FetchAccountAsync(It.IsAny<TwilioApiCredentials>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(TwilioResult.Fail<TwilioAccount>(TwilioFailureKind.Unauthorized));
        var created = await _h.CreateAsync(Input("promo", credential), submit: true);
        await _h.NewProcessor().ProcessPendingAsync(CancellationToken.None);
        var failed = await _h.LoadAsync(created.Id!.Value);
        Assert.Equal(ChannelConfigurationStatus.Failed, failed.Status);

        var draft = await Act(s => s.UpdateAsync(SqliteDatabase.Prod, failed.Id, failed.Version, Input("promo", credential), submit: false,
            Alice, CancellationToken.None));
        Assert.Equal(ChannelConfigurationOutcome.Saved, draft.Outcome);
        Assert.Equal(ChannelConfigurationStatus.Draft, (await _h.LoadAsync(failed.Id)).Status);

        var deleted = await Act(s => s.DeleteAsync(SqliteDatabase.Prod, failed.Id, Alice, CancellationToken.None));
        Assert.Equal(ChannelConfigurationOutcome.Deleted, deleted.Outcome);
        Assert.False(await _h.WithDbAsync(db => db.Set<ChannelConfiguration>().AnyAsync(c => c.Id == failed.Id)));
    }

    [Fact]
    public async Task Processing_CannotBeEditedDeletedOrDeactivated()
    {
        var credential = await _h.CreateTwilioCredentialAsync("main");
        var id = (await _h.CreateAsync(Input("promo", credential), submit: true)).Id!.Value;

        var edit = await Act(s => s.UpdateAsync(SqliteDatabase.Prod, id, 1, Input("promo", credential), true, Alice, CancellationToken.None));
        var delete = await Act(s => s.DeleteAsync(SqliteDatabase.Prod, id, Alice, CancellationToken.None));
        var deactivate = await Act(s => s.DeactivateAsync(SqliteDatabase.Prod, id, Alice, CancellationToken.None));
        var activate = await Act(s => s.ActivateAsync(SqliteDatabase.Prod, id, Alice, CancellationToken.None));

        Assert.All([edit, delete, deactivate, activate], r => Assert.Equal(ChannelConfigurationOutcome.NotAllowed, r.Outcome));
        Assert.Equal(ChannelConfigurationCommands.NotAllowedProcessing, edit.FieldErrors[0].Message);
        Assert.Equal(ChannelConfigurationCommands.NotAllowedDeleteProcessing, delete.FieldErrors[0].Message);
        Assert.Equal(ChannelConfigurationStatus.Processing, (await _h.LoadAsync(id)).Status);
    }

    [Fact]
    public async Task Active_CannotBeDeleted_DeactivatedThenKept_ThenActivatedAgain()
    {
        var credential = await _h.CreateTwilioCredentialAsync("main");
        var id = await _h.CreateActiveAsync("promo", credential);

        var deleteActive = await Act(s => s.DeleteAsync(SqliteDatabase.Prod, id, Alice, CancellationToken.None));
        Assert.Equal((ChannelConfigurationOutcome.NotAllowed, ChannelConfigurationCommands.NotAllowedDeleteActive),
            (deleteActive.Outcome, deleteActive.FieldErrors[0].Message));
        var activateActive = await Act(s => s.ActivateAsync(SqliteDatabase.Prod, id, Alice, CancellationToken.None));
        Assert.Equal(ChannelConfigurationOutcome.NotAllowed, activateActive.Outcome);

        Assert.Equal(ChannelConfigurationOutcome.Deactivated,
            (await Act(s => s.DeactivateAsync(SqliteDatabase.Prod, id, Alice, CancellationToken.None))).Outcome);
        Assert.Equal(ChannelConfigurationStatus.Deactivated, (await _h.LoadAsync(id)).Status);

        var deleteKept = await Act(s => s.DeleteAsync(SqliteDatabase.Prod, id, Alice, CancellationToken.None));
        Assert.Equal(ChannelConfigurationCommands.NotAllowedDeleteKept, deleteKept.FieldErrors[0].Message);
        var deactivateAgain = await Act(s => s.DeactivateAsync(SqliteDatabase.Prod, id, Alice, CancellationToken.None));
        Assert.Equal(ChannelConfigurationCommands.NotAllowedDeactivate, deactivateAgain.FieldErrors[0].Message);
        var stored = await _h.LoadAsync(id);
        var editDeactivated = await Act(s => s.UpdateAsync(SqliteDatabase.Prod, id, stored.Version, Input("promo", credential), true, Alice,
            CancellationToken.None));
        Assert.Equal(ChannelConfigurationCommands.NotAllowedEditDeactivated, editDeactivated.FieldErrors[0].Message);

        Assert.Equal(ChannelConfigurationOutcome.Activated,
            (await Act(s => s.ActivateAsync(SqliteDatabase.Prod, id, Alice, CancellationToken.None))).Outcome);
        Assert.Equal(ChannelConfigurationStatus.Active, (await _h.LoadAsync(id)).Status);
        Assert.Equal(["Created", "Submitted", "CheckPassed", "Deactivated", "Activated"], await AuditActionsAsync(id));
    }

    [Fact]
    public async Task Draft_CannotBeDeactivatedOrActivated_ButCanBeDeleted()
    {
        var id = (await _h.CreateAsync(new ChannelConfigurationInput { Name = "draft" }, submit: false)).Id!.Value;

        Assert.Equal(ChannelConfigurationOutcome.NotAllowed, (await Act(s => s.DeactivateAsync(SqliteDatabase.Prod, id, Alice, CancellationToken.None))).Outcome);
        Assert.Equal(ChannelConfigurationOutcome.NotAllowed, (await Act(s => s.ActivateAsync(SqliteDatabase.Prod, id, Alice, CancellationToken.None))).Outcome);
        Assert.Equal(ChannelConfigurationOutcome.Deleted, (await Act(s => s.DeleteAsync(SqliteDatabase.Prod, id, Alice, CancellationToken.None))).Outcome);
        Assert.Equal(ChannelConfigurationOutcome.NotFound, (await Act(s => s.DeleteAsync(SqliteDatabase.Prod, id, Alice, CancellationToken.None))).Outcome);
    }

    [Fact]
    public async Task EditActive_StaysActiveAndServesThePreviousVersion_UntilTheChangePasses()
    {
        var credential = await _h.CreateTwilioCredentialAsync("main");
        var id = await _h.CreateActiveAsync("promo", credential);
        var before = await _h.LoadAsync(id);
        var change = Input("renamed-ignored", credential, SmsType.Transactional, "+14155550123");
        change.Description = "new";

        var result = await Act(s => s.UpdateAsync(SqliteDatabase.Prod, id, before.Version, change, submit: false, Alice, CancellationToken.None));

        Assert.Equal(ChannelConfigurationOutcome.Submitted, result.Outcome);
        var pending = await _h.LoadAsync(id);
        Assert.Equal(ChannelConfigurationStatus.Active, pending.Status);
        Assert.Equal(ChangeCheckStatus.Processing, pending.PendingCheck);
        Assert.Equal(("promo", SmsType.Marketing, "+14155550100", (string?)null), (pending.Name, pending.SmsType, pending.SenderNumber, pending.Description));
        Assert.Equal((SmsType.Transactional, "+14155550123", "new"), (pending.PendingSmsType, pending.PendingSenderNumber, pending.PendingDescription));

        Assert.Equal(1, await _h.NewProcessor().ProcessPendingAsync(CancellationToken.None));

        var applied = await _h.LoadAsync(id);
        Assert.Equal(ChannelConfigurationStatus.Active, applied.Status);
        Assert.Null(applied.PendingCheck);
        Assert.Equal(("promo", SmsType.Transactional, "+14155550123", "new"), (applied.Name, applied.SmsType, applied.SenderNumber, applied.Description));
    }

    [Fact]
    public async Task EditActive_FailedChange_IsShownAndThePreviousVersionStays_ThenCanBeDiscarded()
    {
        var credential = await _h.CreateTwilioCredentialAsync("main");
        var id = await _h.CreateActiveAsync("promo", credential);
        _h.Database.Twilio.Setup(t => t.FindIncomingPhoneNumberAsync(It.IsAny<TwilioApiCredentials>(), "+14155550177", It.IsAny<CancellationToken>()))
            .ReturnsAsync(TwilioResult.Success<TwilioIncomingPhoneNumber?>(null));
        _h.Database.Twilio.Setup(t => t.FindServicePhoneNumberAsync(It.IsAny<TwilioApiCredentials>(), It.IsAny<string>(), "+14155550177",
                It.IsAny<CancellationToken>()))
            .ReturnsAsync(TwilioResult.Success<TwilioServicePhoneNumber?>(null));
        var version = (await _h.LoadAsync(id)).Version;
        await Act(s => s.UpdateAsync(SqliteDatabase.Prod, id, version, Input("promo", credential, sender: "+14155550177"), true, Alice,
            CancellationToken.None));

        await _h.NewProcessor().ProcessPendingAsync(CancellationToken.None);

        var refused = await _h.LoadAsync(id);
        Assert.Equal((ChannelConfigurationStatus.Active, ChangeCheckStatus.Failed), (refused.Status, refused.PendingCheck));
        Assert.Equal("+14155550100", refused.SenderNumber);
        Assert.Equal(TwilioCredentialVerifier.NumberNotInAccount, Assert.Single(CheckErrors.FromJson(refused.PendingErrorsJson)).Message);

        var discarded = await Act(s => s.DiscardChangeAsync(SqliteDatabase.Prod, id, refused.Version, Alice, CancellationToken.None));
        Assert.Equal(ChannelConfigurationOutcome.ChangeDiscarded, discarded.Outcome);
        var after = await _h.LoadAsync(id);
        Assert.Null(after.PendingCheck);
        Assert.Null(after.PendingSenderNumber);
        var again = await Act(s => s.DiscardChangeAsync(SqliteDatabase.Prod, id, after.Version, Alice, CancellationToken.None));
        Assert.Equal(ChannelConfigurationOutcome.NotAllowed, again.Outcome);
    }

    [Fact]
    public async Task EditActive_CannotChangeTheChannel()
    {
        var twilio = await _h.CreateTwilioCredentialAsync("main");
        var rcs = await _h.WithDbAsync(async db =>
        {
            var c = new Core.Credentials.Custom.CustomCredential
            {
                SandboxId = SqliteDatabase.Prod,
                Name = "rcs",
                NormalizedName = "RCS",
                Address = "RCS",
                ProviderName = "p",
                ProviderUrl = "https://rcs.example.com/send",
                ChannelType = Core.Credentials.Custom.CustomChannelType.Rcs,
                ConfigurationJson = "{}",
                SecretsProtected = "x",
                CreatedBy = "t",
                ModifiedBy = "t",
            };
            db.ApiCredentials.Add(c);
            await db.SaveChangesAsync();
            return c.Id;
        });
        var id = await _h.CreateActiveAsync("promo", twilio);
        var version = (await _h.LoadAsync(id)).Version;

        var result = await Act(s => s.UpdateAsync(SqliteDatabase.Prod, id, version, Input("promo", rcs), true, Alice, CancellationToken.None));

        Assert.Equal(ChannelConfigurationOutcome.Invalid, result.Outcome);
        Assert.Equal(ChannelConfigurationRules.ChannelChanged, Assert.Single(result.FieldErrors).Message);

        // A draft may take any channel: the RCS credential makes an RCS configuration.
        var draft = await _h.CreateAsync(Input("rcs-draft", rcs), submit: false);
        Assert.Equal(MobileChannel.Rcs, (await _h.LoadAsync(draft.Id!.Value)).Channel);
    }

    [Fact]
    public async Task Update_WithAStaleVersion_IsAConcurrencyConflict()
    {
        var id = (await _h.CreateAsync(new ChannelConfigurationInput { Name = "draft" }, submit: false)).Id!.Value;
        await Act(s => s.UpdateAsync(SqliteDatabase.Prod, id, 1, new ChannelConfigurationInput { Name = "draft", Description = "first" }, false,
            Alice, CancellationToken.None));

        var second = await Act(s => s.UpdateAsync(SqliteDatabase.Prod, id, 1, new ChannelConfigurationInput { Name = "draft", Description = "second" },
            false, Alice, CancellationToken.None));

        Assert.Equal(ChannelConfigurationOutcome.ConcurrencyConflict, second.Outcome);
        Assert.Equal("first", (await _h.LoadAsync(id)).Description);
    }

    [Fact]
    public async Task Duplicate_IsADraftCopyWithAFreeName()
    {
        var credential = await _h.CreateTwilioCredentialAsync("main");
        var id = await _h.CreateActiveAsync("promo", credential);

        var first = await Act(s => s.DuplicateAsync(SqliteDatabase.Prod, id, null, Alice, CancellationToken.None));
        var second = await Act(s => s.DuplicateAsync(SqliteDatabase.Prod, id, null, Alice, CancellationToken.None));
        var named = await Act(s => s.DuplicateAsync(SqliteDatabase.Prod, id, "chosen", Alice, CancellationToken.None));
        var taken = await Act(s => s.DuplicateAsync(SqliteDatabase.Prod, id, "PROMO", Alice, CancellationToken.None));

        var copy = await _h.LoadAsync(first.Id!.Value);
        Assert.Equal(("promo_copy", ChannelConfigurationStatus.Draft, credential, "+14155550100"),
            (copy.Name, copy.Status, copy.ApiCredentialId!.Value, copy.SenderNumber));
        Assert.Equal("promo_copy2", (await _h.LoadAsync(second.Id!.Value)).Name);
        Assert.Equal("chosen", (await _h.LoadAsync(named.Id!.Value)).Name);
        Assert.Equal(ChannelConfigurationOutcome.NameTaken, taken.Outcome);
        Assert.Equal(["Created", "Duplicated"], await AuditActionsAsync(copy.Id));
    }

    [Fact]
    public async Task DeleteCredential_UsedByAConfiguration_IsRefusedNamingIt_AndAllowedOnceFree()
    {
        var credential = await _h.CreateTwilioCredentialAsync("main");
        var id = (await _h.CreateAsync(Input("promo", credential), submit: false)).Id!.Value;

        var refused = await _h.WithDbAsync(db => _h.Database.CredentialService(db, _h.Time).DeleteAsync(SqliteDatabase.Prod, credential, Alice, CancellationToken.None));
        Assert.Equal(CredentialOutcome.InUse, refused.Outcome);
        var error = Assert.Single(refused.FieldErrors);
        Assert.Equal("This API credential is used by the channel configurations {0}: delete them or move them to another credential first.", error.Message);
        Assert.Equal("“promo”", error.Arguments[0]);

        await Act(s => s.DeleteAsync(SqliteDatabase.Prod, id, Alice, CancellationToken.None));
        var deleted = await _h.WithDbAsync(db => _h.Database.CredentialService(db, _h.Time).DeleteAsync(SqliteDatabase.Prod, credential, Alice, CancellationToken.None));
        Assert.Equal(CredentialOutcome.Deleted, deleted.Outcome);
    }

    [Fact]
    public async Task DeleteCredential_InUse_TheForeignKeyIsTheLastWord()
    {
        var credential = await _h.CreateTwilioCredentialAsync("main");
        await _h.CreateAsync(Input("promo", credential), submit: false);

        await Assert.ThrowsAsync<DbUpdateException>(() => _h.WithDbAsync(async db =>
        {
            db.ApiCredentials.Remove(await db.ApiCredentials.SingleAsync(c => c.Id == credential));
            return await db.SaveChangesAsync();
        }));
    }

    [Theory]
    [InlineData(SmsType.Marketing, false)]
    [InlineData(SmsType.Transactional, true)]
    public async Task SendTestMessage_ToANumberThatOptedOut_MarketingRefuses_TransactionalSends(SmsType type, bool sent)
    {
        var credential = await _h.CreateTwilioCredentialAsync("main");
        var id = await _h.CreateActiveAsync("promo", credential, type);
        await _h.WithDbAsync(async db =>
        {
            db.ConsentRecords.Add(new ConsentRecord
            {
                SandboxId = SqliteDatabase.Prod,
                SenderNumber = "+14155550100",
                ProfileNumber = "+14155550142",
                State = ConsentState.OptedOut,
                Source = ConsentSource.Keyword,
                ChangedBy = "SMS",
                Version = 1,
            });
            return await db.SaveChangesAsync();
        });
        _h.Database.Twilio.Setup(t => t.CreateMessageAsync(It.IsAny<TwilioApiCredentials>(), It.IsAny<TwilioMessageRequest>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(TwilioResult.Success(new TwilioMessage("SM" + new string('1', 32), "queued", "+14155550100", "+14155550142", null, 1, null, null, null)));

        var result = await _h.WithAsync<ChannelTestMessages, ChannelTestMessageResult>(s => s.SendTestMessageAsync(SqliteDatabase.Prod, id, "+1 415 555 0142", "hi", Alice, CancellationToken.None));

        Assert.Equal(sent, result.Answer?.Sent == true);
        if (!sent)
        {
            var error = Assert.Single(result.Errors);
            Assert.Equal(("Number", ChannelTestMessages.OptedOut), (error.Field, error.Message));
            _h.Database.Twilio.Verify(t => t.CreateMessageAsync(It.IsAny<TwilioApiCredentials>(), It.IsAny<TwilioMessageRequest>(),
                It.IsAny<CancellationToken>()), Times.Never);
        }
        else
        {
            _h.Database.Twilio.Verify(t => t.CreateMessageAsync(It.IsAny<TwilioApiCredentials>(),
                It.Is<TwilioMessageRequest>(m => m.From == "+14155550100" && m.To == "+14155550142"), It.IsAny<CancellationToken>()), Times.Once);
        }
    }

    [Fact]
    public async Task SendTestMessage_FromADraft_IsRefused()
    {
        var credential = await _h.CreateTwilioCredentialAsync("main");
        var id = (await _h.CreateAsync(Input("promo", credential), submit: false)).Id!.Value;

        var result = await _h.WithAsync<ChannelTestMessages, ChannelTestMessageResult>(s => s.SendTestMessageAsync(SqliteDatabase.Prod, id, "+14155550142", "hi", Alice, CancellationToken.None));

        Assert.Null(result.Answer);
        Assert.Equal(ChannelTestMessages.TestNotActive, Assert.Single(result.Errors).Message);
    }

    [Fact]
    public async Task ListAsync_FiltersByStatusTypeAndName_AndPagesByKeyset()
    {
        var credential = await _h.CreateTwilioCredentialAsync("main");
        for (var i = 0; i < 7; i++)
        {
            await _h.CreateAsync(Input($"m{i}", credential, SmsType.Marketing), submit: false);
            await _h.CreateAsync(Input($"t{i}", credential, SmsType.Transactional), submit: i % 2 == 0);
        }

        var marketing = await _h.WithAsync<ChannelConfigurationQueries, Core.Common.Page<ChannelConfigurationListItem>>(s => s.ListAsync(SqliteDatabase.Prod, new(SmsType: SmsType.Marketing), null, 50, CancellationToken.None));
        var processing = await _h.WithAsync<ChannelConfigurationQueries, Core.Common.Page<ChannelConfigurationListItem>>(s => s.ListAsync(SqliteDatabase.Prod, new(ChannelConfigurationStatus.Processing), null, 50, CancellationToken.None));
        var byName = await _h.WithAsync<ChannelConfigurationQueries, Core.Common.Page<ChannelConfigurationListItem>>(s => s.ListAsync(SqliteDatabase.Prod, new(Search: "T"), null, 3, CancellationToken.None));
        var next = await _h.WithAsync<ChannelConfigurationQueries, Core.Common.Page<ChannelConfigurationListItem>>(s => s.ListAsync(SqliteDatabase.Prod, new(Search: "T"), byName.NextCursor, 3, CancellationToken.None));
        var back = await _h.WithAsync<ChannelConfigurationQueries, Core.Common.Page<ChannelConfigurationListItem>>(s => s.ListAsync(SqliteDatabase.Prod, new(Search: "T"), next.PreviousCursor, 3, CancellationToken.None));

        Assert.Equal(7, marketing.Items.Count);
        Assert.All(marketing.Items, i => Assert.Equal(SmsType.Marketing, i.SmsType));
        Assert.Equal(["t0", "t2", "t4", "t6"], processing.Items.Select(i => i.Name));
        Assert.Equal(["t0", "t1", "t2"], byName.Items.Select(i => i.Name));
        Assert.Equal(["t3", "t4", "t5"], next.Items.Select(i => i.Name));
        Assert.Equal(["t0", "t1", "t2"], back.Items.Select(i => i.Name));
        Assert.Null(back.PreviousCursor);
        Assert.Equal("main", byName.Items[0].CredentialName);
    }
}
