using System.Security.Cryptography;
using JourneyOptimizer.Sms.Core.Common;
using JourneyOptimizer.Sms.Core.Credentials;
using JourneyOptimizer.Sms.Core.Credentials.Custom;
using JourneyOptimizer.Sms.Core.Credentials.Twilio;
using JourneyOptimizer.Sms.UnitTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Moq;

namespace JourneyOptimizer.Sms.UnitTests.Credentials;

public abstract partial class ApiCredentialServiceTests(TestDatabase database) : IAsyncLifetime
{
    private static readonly Actor Alice = new("u1", "alice@example.com");
    private readonly TestDatabase _database = database;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    private static string Hex32() => Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();

    private static TwilioCredentialInput Input(string name = "Main", string number = "+14155550100", string? account = null) => new()
    {
        Name = name,
        AccountSid = account ?? "AC" + Hex32(),
        AuthToken = Hex32(),
        MessagingServiceSid = "MG" + Hex32(),
        InboundNumber = number,
    };

    private async Task<CredentialResult> CreateAsync(int sandbox, TwilioCredentialInput input)
    {
        await using var db = _database.CreateContext();
        return await _database.CredentialService(db).CreateAsync(sandbox, SmsVendor.Twilio, input, Alice, saveWithoutVerification: false, CancellationToken.None);
    }

    [Fact]
    public async Task CreateAsync_Twilio_ValidInput_StoresNormalisedValuesAndProtectedToken()
    {
        var input = Input(name: "  Main  ", number: "+1 (415) 555-0100");
        input.AccountSid = input.AccountSid!.ToUpperInvariant().Replace("AC", "ac", StringComparison.Ordinal);

        var result = await CreateAsync(SqliteDatabase.Prod, input);

        Assert.Equal(CredentialOutcome.Created, result.Outcome);
        await using var db = _database.CreateContext();
        var stored = await db.Set<TwilioCredential>().SingleAsync();
        Assert.Equal("Main", stored.Name);
        Assert.Equal("MAIN", stored.NormalizedName);
        Assert.Equal("AC" + input.AccountSid[2..].ToLowerInvariant(), stored.AccountSid);
        Assert.Equal("+14155550100", stored.InboundNumber);
        Assert.Equal("+14155550100", stored.Address);
        Assert.Equal(VerificationStatus.Verified, stored.VerificationStatus);
        Assert.NotNull(stored.LastVerifiedAtUtc);
        Assert.Equal("Full", stored.AccountType);
        Assert.Equal(input.AuthToken![^4..], stored.AuthTokenHint);
        Assert.DoesNotContain(input.AuthToken, stored.AuthTokenProtected, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(input.AuthToken, _database.Protector.Unprotect(stored.AuthTokenProtected!));
        Assert.Equal("alice@example.com", stored.CreatedBy);
        var audit = await db.AuditEntries.SingleAsync();
        Assert.Equal(stored.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), audit.ObjectId);
        Assert.DoesNotContain(input.AuthToken, audit.ChangesJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateAsync_Twilio_ManyNames_AllCreated()
    {
        for (var i = 0; i < 5; i++)
        {
            var result = await CreateAsync(SqliteDatabase.Prod, Input($"Name-{i}", $"+1415555010{i}"));
            Assert.Equal(CredentialOutcome.Created, result.Outcome);
        }
    }

    [Fact]
    public async Task CreateAsync_Twilio_NameTakenInOtherCase_ReturnsNameTaken()
    {
        await CreateAsync(SqliteDatabase.Prod, Input("Main"));

        var result = await CreateAsync(SqliteDatabase.Prod, Input(" MAIN ", "+14155550101"));

        Assert.Equal(CredentialOutcome.NameTaken, result.Outcome);
        Assert.Equal("Name", Assert.Single(result.FieldErrors).Field);
    }

    [Fact]
    public async Task CreateAsync_Twilio_SameNameInOtherSandbox_Created()
    {
        await CreateAsync(SqliteDatabase.Prod, Input("Main"));

        var result = await CreateAsync(SqliteDatabase.Dev, Input("Main", "+14155550101"));

        Assert.Equal(CredentialOutcome.Created, result.Outcome);
    }

    [Fact]
    public async Task CreateAsync_Twilio_SameAccountAndNumberInOtherSandbox_ReturnsNumberTaken()
    {
        var first = Input("Main");
        await CreateAsync(SqliteDatabase.Prod, first);

        var result = await CreateAsync(SqliteDatabase.Dev, Input("Other", "+1 415 555 0100", first.AccountSid));

        Assert.Equal(CredentialOutcome.NumberTaken, result.Outcome);
        Assert.Equal("InboundNumber", Assert.Single(result.FieldErrors).Field);
    }

    [Fact]
    public async Task CreateAsync_Twilio_SameAccountOtherNumberInOtherSandbox_Created()
    {
        var first = Input("Main");
        await CreateAsync(SqliteDatabase.Prod, first);

        var result = await CreateAsync(SqliteDatabase.Dev, Input("Main", "+14155550199", first.AccountSid));

        Assert.Equal(CredentialOutcome.Created, result.Outcome);
    }

    [Fact]
    public async Task CreateAsync_Twilio_MissingToken_ReturnsInvalidAndStoresNothing()
    {
        var input = Input();
        input.AuthToken = " ";

        var result = await CreateAsync(SqliteDatabase.Prod, input);

        Assert.Equal(CredentialOutcome.Invalid, result.Outcome);
        Assert.Contains(result.FieldErrors, e => e.Field == "AuthToken");
        await using var db = _database.CreateContext();
        Assert.False(await db.ApiCredentials.AnyAsync());
        Assert.False(await db.AuditEntries.AnyAsync());
    }

    [Fact]
    public async Task UpdateAsync_Twilio_StaleVersion_ReturnsConcurrencyConflictAndKeepsTheOtherChange()
    {
        var created = await CreateAsync(SqliteDatabase.Prod, Input("Main"));
        var id = created.Id!.Value;
        await using (var db = _database.CreateContext())
        {
            var first = Input("By first");
            first.AuthToken = "";
            Assert.Equal(CredentialOutcome.Updated,
                (await _database.CredentialService(db).UpdateAsync(SqliteDatabase.Prod, id, 1, first, Alice, false, CancellationToken.None)).Outcome);
        }

        await using (var db = _database.CreateContext())
        {
            var second = Input("By second");
            var result = await _database.CredentialService(db).UpdateAsync(SqliteDatabase.Prod, id, 1, second, Alice, false, CancellationToken.None);
            Assert.Equal(CredentialOutcome.ConcurrencyConflict, result.Outcome);
        }

        await using var check = _database.CreateContext();
        Assert.Equal("By first", (await check.ApiCredentials.SingleAsync()).Name);
    }

    [Fact]
    public async Task UpdateAsync_Twilio_OtherSandbox_ReturnsNotFound()
    {
        var created = await CreateAsync(SqliteDatabase.Prod, Input("Main"));
        await using var db = _database.CreateContext();

        var result = await _database.CredentialService(db).UpdateAsync(SqliteDatabase.Dev, created.Id!.Value, 1, Input("X"), Alice, false, CancellationToken.None);

        Assert.Equal(CredentialOutcome.NotFound, result.Outcome);
    }

    [Fact]
    public async Task UpdateAsync_Twilio_BlankToken_KeepsTokenAndReverifiesWhenConnectionChanges()
    {
        var input = Input("Main");
        var id = (await CreateAsync(SqliteDatabase.Prod, input)).Id!.Value;
        await using (var db = _database.CreateContext())
        {
            var stored = await db.Set<TwilioCredential>().SingleAsync();
            stored.VerificationStatus = VerificationStatus.Failed;
            await db.SaveChangesAsync();
        }

        var edit = Input("Main", "+14155550177", input.AccountSid);
        edit.AuthToken = "";
        await using (var db = _database.CreateContext())
        {
            var result = await _database.CredentialService(db).UpdateAsync(SqliteDatabase.Prod, id, 1, edit, Alice, false, CancellationToken.None);
            Assert.Equal(CredentialOutcome.Updated, result.Outcome);
        }

        await using var check = _database.CreateContext();
        var updated = await check.Set<TwilioCredential>().SingleAsync();
        Assert.Equal(input.AuthToken, _database.Protector.Unprotect(updated.AuthTokenProtected!));
        Assert.Equal(VerificationStatus.Verified, updated.VerificationStatus);
        Assert.Equal(2, updated.Version);
        _database.Twilio.Verify(t => t.FetchAccountAsync(
            It.Is<TwilioApiCredentials>(c => c.Secret == input.AuthToken), It.IsAny<CancellationToken>()), Times.Exactly(2));
    }

    [Fact]
    public async Task DeleteAsync_RemovesAndAudits_OtherSandboxIsNotFound()
    {
        var id = (await CreateAsync(SqliteDatabase.Prod, Input("Main"))).Id!.Value;
        await using var db = _database.CreateContext();
        var service = _database.CredentialService(db);

        Assert.Equal(CredentialOutcome.NotFound, (await service.DeleteAsync(SqliteDatabase.Dev, id, Alice, CancellationToken.None)).Outcome);
        Assert.Equal(CredentialOutcome.Deleted, (await service.DeleteAsync(SqliteDatabase.Prod, id, Alice, CancellationToken.None)).Outcome);
        Assert.Equal(CredentialOutcome.NotFound, (await service.DeleteAsync(SqliteDatabase.Prod, id, Alice, CancellationToken.None)).Outcome);
        Assert.False(await db.ApiCredentials.AnyAsync());
        Assert.Equal(["Created", "Deleted"], await db.AuditEntries.OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
    }

    [Fact]
    public async Task DeleteAsync_WithAnExpectedVersion_RefusesAChangeCommittedAfterTheRead()
    {
        var id = (await CreateAsync(SqliteDatabase.Prod, Input("Main"))).Id!.Value;
        await using var db = _database.CreateContext();
        var service = _database.CredentialService(db);

        // The caller read version 1 (still tracked, as the service's own read would find it); then someone else's
        // edit commits. Only the DELETE's own condition on the version can notice.
        var read = await db.ApiCredentials.SingleAsync(c => c.Id == id);
        await using (var other = _database.CreateContext())
        {
            await other.ApiCredentials.Where(c => c.Id == id).ExecuteUpdateAsync(s => s.SetProperty(c => c.Version, 2));
        }

        var raced = await service.DeleteAsync(SqliteDatabase.Prod, id, Alice, read.Version, CancellationToken.None);

        Assert.Equal(CredentialOutcome.ConcurrencyConflict, raced.Outcome);
        await using var check = _database.CreateContext();
        var checkService = _database.CredentialService(check);
        Assert.Equal(CredentialOutcome.ConcurrencyConflict,
            (await checkService.DeleteAsync(SqliteDatabase.Prod, id, Alice, 1, CancellationToken.None)).Outcome);
        Assert.Equal(CredentialOutcome.Deleted, (await checkService.DeleteAsync(SqliteDatabase.Prod, id, Alice, 2, CancellationToken.None)).Outcome);
        Assert.Equal(["Created", "Deleted"], await check.AuditEntries.OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
    }

    [Fact]
    public async Task ListAsync_PagesByNameWithCursors_AndSearchesByPrefixCaseInsensitively()
    {
        for (var i = 0; i < 7; i++)
        {
            await CreateAsync(SqliteDatabase.Prod, Input($"Alpha {i}", $"+1415555011{i}"));
        }

        await CreateAsync(SqliteDatabase.Prod, Input("Beta", "+14155550120"));
        await CreateAsync(SqliteDatabase.Dev, Input("Alpha dev", "+14155550121"));
        await using var db = _database.CreateContext();
        var service = _database.CredentialService(db);

        var page1 = await service.ListAsync(SqliteDatabase.Prod, "alPHA", null, 3, CancellationToken.None);
        var page2 = await service.ListAsync(SqliteDatabase.Prod, "alPHA", page1.NextCursor, 3, CancellationToken.None);
        var page3 = await service.ListAsync(SqliteDatabase.Prod, "alPHA", page2.NextCursor, 3, CancellationToken.None);
        var back = await service.ListAsync(SqliteDatabase.Prod, "alPHA", page3.PreviousCursor, 3, CancellationToken.None);

        Assert.Equal(["Alpha 0", "Alpha 1", "Alpha 2"], page1.Items.Select(i => i.Name));
        Assert.Null(page1.PreviousCursor);
        Assert.Equal(["Alpha 3", "Alpha 4", "Alpha 5"], page2.Items.Select(i => i.Name));
        Assert.Equal(["Alpha 6"], page3.Items.Select(i => i.Name));
        Assert.Null(page3.NextCursor);
        Assert.Equal(["Alpha 3", "Alpha 4", "Alpha 5"], back.Items.Select(i => i.Name));
        var all = await service.ListAsync(SqliteDatabase.Prod, null, null, 50, CancellationToken.None);
        Assert.Equal(8, all.Items.Count);
        Assert.Empty((await service.ListAsync(SqliteDatabase.Prod, "lpha", null, 50, CancellationToken.None)).Items);
        Assert.Equal(8, (await service.ListAsync(SqliteDatabase.Prod, null, "garbage!!", 50, CancellationToken.None)).Items.Count);
    }

    [Fact]
    public async Task CreateAsync_Twilio_TwilioRefusesTheToken_ReturnsProviderRejectedOnAuthTokenAndStoresNothing()
    {
        _database.Twilio.Setup(t => t.FetchAccountAsync(It.IsAny<TwilioApiCredentials>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(TwilioResult.Fail<TwilioAccount>(new TwilioFailure(TwilioFailureKind.Unauthorized, 401, 20003)));

        var result = await CreateAsync(SqliteDatabase.Prod, Input());

        Assert.Equal(CredentialOutcome.ProviderRejected, result.Outcome);
        Assert.Equal("AuthToken", Assert.Single(result.FieldErrors).Field);
        await using var db = _database.CreateContext();
        Assert.False(await db.ApiCredentials.AnyAsync());
    }

    [Fact]
    public async Task CreateAsync_Twilio_TwilioUnreachable_RefusesUnlessSavingWithoutVerification()
    {
        _database.Twilio.Setup(t => t.FetchAccountAsync(It.IsAny<TwilioApiCredentials>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(TwilioResult.Fail<TwilioAccount>(TwilioFailureKind.Unreachable));
        var input = Input();

        var refused = await CreateAsync(SqliteDatabase.Prod, input);
        CredentialResult saved;
        await using (var db = _database.CreateContext())
        {
            saved = await _database.CredentialService(db).CreateAsync(SqliteDatabase.Prod, SmsVendor.Twilio, input, Alice, saveWithoutVerification: true, CancellationToken.None);
        }

        Assert.Equal(CredentialOutcome.ProviderUnreachable, refused.Outcome);
        Assert.Equal(FieldError.FormLevel, Assert.Single(refused.FieldErrors).Field);
        Assert.Equal(CredentialOutcome.Created, saved.Outcome);
        await using var check = _database.CreateContext();
        var stored = await check.Set<TwilioCredential>().SingleAsync();
        Assert.Equal(VerificationStatus.NotVerified, stored.VerificationStatus);
        Assert.Null(stored.LastVerifiedAtUtc);
    }

    [Fact]
    public async Task UpdateAsync_Twilio_NameOnly_DoesNotCallTwilio()
    {
        var input = Input("Main");
        var id = (await CreateAsync(SqliteDatabase.Prod, input)).Id!.Value;
        _database.Twilio.Invocations.Clear();
        var edit = Input("Renamed", input.InboundNumber!, input.AccountSid);
        edit.MessagingServiceSid = input.MessagingServiceSid;
        edit.AuthToken = "";

        await using var db = _database.CreateContext();
        var result = await _database.CredentialService(db).UpdateAsync(SqliteDatabase.Prod, id, 1, edit, Alice, false, CancellationToken.None);

        Assert.Equal(CredentialOutcome.Updated, result.Outcome);
        Assert.Empty(_database.Twilio.Invocations);
    }

    [Fact]
    public async Task VerifyAsync_RecordsFailedWithTheReason_ThenVerified()
    {
        var id = (await CreateAsync(SqliteDatabase.Prod, Input())).Id!.Value;
        _database.Twilio.Setup(t => t.FetchMessagingServiceAsync(It.IsAny<TwilioApiCredentials>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(TwilioResult.Fail<TwilioMessagingService>(new TwilioFailure(TwilioFailureKind.NotFound, 404, 20404)));

        await using (var db = _database.CreateContext())
        {
            var failed = await _database.CredentialService(db).VerifyAsync(SqliteDatabase.Prod, id, Alice, CancellationToken.None);
            Assert.Equal(CredentialOutcome.ProviderRejected, failed.Outcome);
            Assert.Equal("MessagingServiceSid", Assert.Single(failed.FieldErrors).Field);
        }

        await using (var db = _database.CreateContext())
        {
            var stored = await db.Set<TwilioCredential>().SingleAsync();
            Assert.Equal(VerificationStatus.Failed, stored.VerificationStatus);
            Assert.Equal(TwilioCredentialVerifier.ServiceNotInAccount, stored.LastVerificationError);
            Assert.Equal(1, stored.Version);
        }

        _database.Twilio.Setup(t => t.FetchMessagingServiceAsync(It.IsAny<TwilioApiCredentials>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((TwilioApiCredentials c, string sid, CancellationToken _) => TwilioResult.Success(new TwilioMessagingService(sid, c.AccountSid, null, null, null)));
        await using (var db = _database.CreateContext())
        {
            Assert.Equal(CredentialOutcome.Verified, (await _database.CredentialService(db).VerifyAsync(SqliteDatabase.Prod, id, Alice, CancellationToken.None)).Outcome);
            Assert.Equal(CredentialOutcome.NotFound, (await _database.CredentialService(db).VerifyAsync(SqliteDatabase.Dev, id, Alice, CancellationToken.None)).Outcome);
            Assert.Equal(2, await db.AuditEntries.CountAsync(a => a.Action == "Verified"));
        }
    }

    [Fact]
    public async Task VerifyAsync_ACustomCredential_PointsToTheTestMessage()
    {
        await using var db = _database.CreateContext();
        db.Set<CustomCredential>().Add(new Core.Credentials.Custom.CustomCredential
        {
            SandboxId = SqliteDatabase.Prod,
            Name = "Rcs",
            NormalizedName = "RCS",
            ProviderName = "P",
            ProviderUrl = "https://p.example/send",
            // A stored configuration as the mapper writes it (no auth: nothing secret is missing).
            ConfigurationJson = new CustomProviderConfiguration
            {
                ProviderName = "P",
                ProviderUrl = "https://p.example/send",
                ContentType = CustomCredentialInput.DefaultContentType,
                ProviderPayload = """{"to":"{{toNumber}}","body":"{{message}}"}""",
            }.ToJson(),
            SecretsProtected = _database.Protector.Protect("{}"),
            CreatedBy = "a",
            ModifiedBy = "a",
            Version = 1,
        });
        await db.SaveChangesAsync();
        var id = await db.Set<CustomCredential>().Select(c => c.Id).SingleAsync();

        var result = await _database.CredentialService(db).VerifyAsync(SqliteDatabase.Prod, id, Alice, CancellationToken.None);

        Assert.Equal(CredentialOutcome.Invalid, result.Outcome);
        Assert.Contains("Verify SMS connection", Assert.Single(result.FieldErrors).Message, StringComparison.Ordinal);
        Assert.Empty(_database.Twilio.Invocations);
    }
}
