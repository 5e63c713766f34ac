using JourneyOptimizer.Sms.Core.Audit;
using JourneyOptimizer.Sms.Core.Common;
using JourneyOptimizer.Sms.Core.Consent;
using JourneyOptimizer.Sms.Core.Credentials;
using JourneyOptimizer.Sms.Core.Credentials.Custom;
using JourneyOptimizer.Sms.Core.Credentials.Twilio;
using JourneyOptimizer.Sms.Core.Data;
using JourneyOptimizer.Sms.Core.Webhooks;
using JourneyOptimizer.Sms.UnitTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace JourneyOptimizer.Sms.UnitTests.Webhooks;

/// <summary>WebhookService on a real (migrated) SQLite or PostgreSQL database.</summary>
public abstract partial class WebhookServiceTests(TestDatabase database) : IAsyncLifetime
{
    private static readonly Actor Alice = new("u1", "alice@example.com");
    private readonly TestDatabase _database = database;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    private static WebhookService Service(SmsDbContext db) =>
        new(db, new AuditLog(db, TimeProvider.System), TimeProvider.System, new WebhookInputValidator(TestVendors.Facts), TestVendors.Facts, NullLogger<WebhookService>.Instance, []);

    private async Task<int> TwilioCredentialAsync(int sandbox, string name = "Twilio main")
    {
        await using var db = _database.CreateContext();
        var credential = new TwilioCredential
        {
            SandboxId = sandbox,
            Name = name,
            NormalizedName = ApiCredential.NormalizeName(name),
            AccountSid = "AC" + Guid.NewGuid().ToString("N"),
            AuthTokenProtected = "x",
            AuthTokenHint = "abcd",
            MessagingServiceSid = "MG" + new string('b', 32),
            InboundNumber = "+14155550100",
            Address = "+14155550100",
            CreatedBy = "seed",
            ModifiedBy = "seed",
            Version = 1,
        };
        db.ApiCredentials.Add(credential);
        await db.SaveChangesAsync();
        return credential.Id;
    }

    private async Task<int> CustomCredentialAsync(int sandbox, string name = "Custom main")
    {
        await using var db = _database.CreateContext();
        var credential = new CustomCredential
        {
            SandboxId = sandbox,
            Name = name,
            NormalizedName = ApiCredential.NormalizeName(name),
            ProviderName = "acme",
            ProviderUrl = "https://sms.example.com",
            ConfigurationJson = "{}",
            SecretsProtected = "",
            CreatedBy = "seed",
            ModifiedBy = "seed",
            Version = 1,
        };
        db.ApiCredentials.Add(credential);
        await db.SaveChangesAsync();
        return credential.Id;
    }

    private static WebhookInput Input(int credentialId, string name = "Inbound", SmsVendor vendor = SmsVendor.Twilio,
        WebhookType type = WebhookType.Inbound)
    {
        var input = new WebhookInput { Name = name, Vendor = vendor, Type = type, ApiCredentialId = credentialId, SenderNumber = "+1 415 555 0100" };
        input.Mapping = new PayloadMappingInput
        {
            InboundMessage = "text",
            ProfileNumber = "from",
            RequestId = "id",
            ClientReference = "ref",
            Status = "status",
        };
        return input;
    }

    private async Task<WebhookResult> CreateAsync(int sandbox, WebhookInput input)
    {
        await using var db = _database.CreateContext();
        return await Service(db).CreateAsync(sandbox, input, Alice, CancellationToken.None);
    }

    [Fact]
    public async Task Create_Twilio_StoresNormalisedValues_NoSecretNoMapping_AndAnAuditEntryInTheSameSave()
    {
        var credential = await TwilioCredentialAsync(SqliteDatabase.Prod);
        var input = Input(credential, "  Main  ");
        input.Keywords.OptOut.Keywords = "stop, arret";

        var result = await CreateAsync(SqliteDatabase.Prod, input);

        Assert.Equal(WebhookOutcome.Created, result.Outcome);
        Assert.Null(result.SigningSecret);
        await using var db = _database.CreateContext();
        var stored = await db.Webhooks.SingleAsync();
        Assert.Equal(("Main", "MAIN", "+14155550100", 1), (stored.Name, stored.NormalizedName, stored.SenderNumber, stored.Version));
        Assert.Null(stored.SigningSecretHash);
        Assert.Null(stored.PayloadMappingJson);
        Assert.Equal(["STOP", "ARRET"], InboundKeywordSettings.FromJson(stored.KeywordSettingsJson).OptOut.Keywords);
        Assert.Equal(43, stored.PathToken.Length);
        var audit = await db.AuditEntries.SingleAsync();
        Assert.Equal(("Webhook", "Created", stored.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), "alice@example.com"),
            (audit.ObjectType, audit.Action, audit.ObjectId, audit.UserName));
    }

    [Fact]
    public async Task Create_Custom_ReturnsTheSecretOnce_StoresOnlyItsHashAndHint()
    {
        var credential = await CustomCredentialAsync(SqliteDatabase.Prod);
        var result = await CreateAsync(SqliteDatabase.Prod, Input(credential, vendor: SmsVendor.Custom, type: WebhookType.Feedback));

        Assert.Equal(WebhookOutcome.Created, result.Outcome);
        var secret = result.SigningSecret!;
        Assert.Matches("^[A-Za-z0-9_-]{43}$", secret);
        Assert.DoesNotContain(secret, result.ToString(), StringComparison.Ordinal);
        await using var db = _database.CreateContext();
        var stored = await db.Webhooks.SingleAsync();
        Assert.Equal(WebhookService.HashSecret(secret), stored.SigningSecretHash);
        Assert.Matches("^[0-9a-f]{64}$", stored.SigningSecretHash!);
        Assert.Equal(secret[^4..], stored.SigningSecretHint);
        Assert.Null(stored.KeywordSettingsJson);
        Assert.Equal(["ClientReference", "Status"], PayloadMapping.FromJson(stored.PayloadMappingJson).Paths.Keys.Select(k => k.ToString()).Order());
        var raw = string.Join("|", await db.Database.SqlQueryRaw<string>("SELECT \"ChangesJson\" AS \"Value\" FROM \"AuditEntries\"").ToListAsync());
        Assert.DoesNotContain(secret, raw, StringComparison.Ordinal);
        Assert.NotEqual(stored.PathToken, secret);
    }

    [Fact]
    public void Tokens_AreRandom()
    {
        var tokens = Enumerable.Range(0, 100).Select(_ => WebhookService.NewToken()).ToHashSet();
        Assert.Equal(100, tokens.Count);
    }

    [Fact]
    public async Task Names_AreUniquePerSandbox_CaseInsensitively_ButMayRepeatAcrossSandboxes()
    {
        var prodCredential = await TwilioCredentialAsync(SqliteDatabase.Prod);
        var devCredential = await TwilioCredentialAsync(SqliteDatabase.Dev);
        Assert.Equal(WebhookOutcome.Created, (await CreateAsync(SqliteDatabase.Prod, Input(prodCredential, "Inbound"))).Outcome);

        var taken = await CreateAsync(SqliteDatabase.Prod, Input(prodCredential, "INBOUND"));
        Assert.Equal(WebhookOutcome.NameTaken, taken.Outcome);
        Assert.Equal("Name", Assert.Single(taken.FieldErrors).Field);
        Assert.Equal(WebhookOutcome.Created, (await CreateAsync(SqliteDatabase.Dev, Input(devCredential, "inbound"))).Outcome);
    }

    [Fact]
    public async Task TheCredential_MustBeOfThisSandbox_AndOfTheVendor()
    {
        var devCredential = await TwilioCredentialAsync(SqliteDatabase.Dev);
        var custom = await CustomCredentialAsync(SqliteDatabase.Prod);

        var otherSandbox = await CreateAsync(SqliteDatabase.Prod, Input(devCredential));
        Assert.Equal(("ApiCredentialId", "Choose API credentials of this sandbox."), (otherSandbox.FieldErrors[0].Field, otherSandbox.FieldErrors[0].Message));
        var mismatch = await CreateAsync(SqliteDatabase.Prod, Input(custom));
        Assert.Equal("Choose API credentials of the webhook's SMS vendor.", Assert.Single(mismatch.FieldErrors).Message);
        var missing = await CreateAsync(SqliteDatabase.Prod, Input(999));
        Assert.Equal(WebhookOutcome.Invalid, missing.Outcome);
        await using var db = _database.CreateContext();
        Assert.False(await db.Webhooks.AnyAsync());
        Assert.False(await db.AuditEntries.AnyAsync());
    }

    [Fact]
    public async Task Update_KeepsVendorAndType_BumpsTheVersion_AndRefusesAStaleVersion()
    {
        var credential = await TwilioCredentialAsync(SqliteDatabase.Prod);
        var id = (await CreateAsync(SqliteDatabase.Prod, Input(credential))).Id!.Value;
        var edit = Input(credential, "Renamed", SmsVendor.Custom, WebhookType.Feedback);

        await using (var db = _database.CreateContext())
        {
            var result = await Service(db).UpdateAsync(SqliteDatabase.Prod, id, 1, edit, Alice, CancellationToken.None);
            Assert.Equal(WebhookOutcome.Updated, result.Outcome);
        }

        await using (var db = _database.CreateContext())
        {
            var stored = await db.Webhooks.SingleAsync();
            Assert.Equal(("Renamed", SmsVendor.Twilio, WebhookType.Inbound, 2), (stored.Name, stored.Vendor, stored.Type, stored.Version));
            Assert.Null(stored.PayloadMappingJson);
            Assert.NotNull(stored.KeywordSettingsJson);
            var stale = await Service(db).UpdateAsync(SqliteDatabase.Prod, id, 1, Input(credential, "Stale"), Alice, CancellationToken.None);
            Assert.Equal(WebhookOutcome.ConcurrencyConflict, stale.Outcome);
            Assert.Equal(["Created", "Updated"], await db.AuditEntries.OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
        }
    }

    [Fact]
    public async Task Update_ARaceLostAtSaveTime_IsAConflict_NotAnOverwrite()
    {
        var credential = await TwilioCredentialAsync(SqliteDatabase.Prod);
        var id = (await CreateAsync(SqliteDatabase.Prod, Input(credential))).Id!.Value;
        await using var first = _database.CreateContext();
        await using var second = _database.CreateContext();
        var secondService = Service(second);

        // The second editor's context has loaded version 1; then the first editor saves before it.
        Assert.Equal(1, (await second.Webhooks.SingleAsync(w => w.Id == id)).Version);
        Assert.Equal(WebhookOutcome.Updated, (await Service(first).UpdateAsync(SqliteDatabase.Prod, id, 1, Input(credential, "First"), Alice, CancellationToken.None)).Outcome);
        var result = await secondService.UpdateAsync(SqliteDatabase.Prod, id, 1, Input(credential, "Second"), Alice, CancellationToken.None);

        Assert.Equal(WebhookOutcome.ConcurrencyConflict, result.Outcome);
        await using var check = _database.CreateContext();
        Assert.Equal("First", (await check.Webhooks.SingleAsync()).Name);
    }

    [Fact]
    public async Task Update_WithNoChange_RecordsNothing()
    {
        var credential = await TwilioCredentialAsync(SqliteDatabase.Prod);
        var id = (await CreateAsync(SqliteDatabase.Prod, Input(credential))).Id!.Value;
        await using var db = _database.CreateContext();
        var result = await Service(db).UpdateAsync(SqliteDatabase.Prod, id, 1, Input(credential), Alice, CancellationToken.None);
        Assert.Equal(WebhookOutcome.Updated, result.Outcome);
        Assert.Equal(1, (await db.Webhooks.AsNoTracking().SingleAsync()).Version);
        Assert.Equal(1, await db.AuditEntries.CountAsync());
    }

    [Fact]
    public async Task OtherSandboxes_CannotFindEditRegenerateOrDelete()
    {
        var credential = await CustomCredentialAsync(SqliteDatabase.Prod);
        var id = (await CreateAsync(SqliteDatabase.Prod, Input(credential, vendor: SmsVendor.Custom))).Id!.Value;
        await using var db = _database.CreateContext();
        var service = Service(db);

        Assert.Null(await service.FindAsync(SqliteDatabase.Dev, id, CancellationToken.None));
        Assert.Equal(WebhookOutcome.NotFound, (await service.UpdateAsync(SqliteDatabase.Dev, id, 1, Input(credential), Alice, CancellationToken.None)).Outcome);
        Assert.Equal(WebhookOutcome.NotFound, (await service.RegenerateSecretAsync(SqliteDatabase.Dev, id, Alice, CancellationToken.None)).Outcome);
        Assert.Equal(WebhookOutcome.NotFound, (await service.DeleteAsync(SqliteDatabase.Dev, id, Alice, CancellationToken.None)).Outcome);
        Assert.Empty((await service.ListAsync(SqliteDatabase.Dev, null, null, 50, CancellationToken.None)).Items);
        Assert.True(await db.Webhooks.AnyAsync(w => w.Id == id));
    }

    [Fact]
    public async Task RegenerateSecret_ReplacesTheHash_AndIsAudited()
    {
        var credential = await CustomCredentialAsync(SqliteDatabase.Prod);
        var created = await CreateAsync(SqliteDatabase.Prod, Input(credential, vendor: SmsVendor.Custom));
        await using var db = _database.CreateContext();

        var result = await Service(db).RegenerateSecretAsync(SqliteDatabase.Prod, created.Id!.Value, Alice, CancellationToken.None);

        Assert.Equal(WebhookOutcome.SecretRegenerated, result.Outcome);
        Assert.NotEqual(created.SigningSecret, result.SigningSecret);
        var stored = await db.Webhooks.AsNoTracking().SingleAsync();
        Assert.Equal(WebhookService.HashSecret(result.SigningSecret!), stored.SigningSecretHash);
        Assert.NotEqual(WebhookService.HashSecret(created.SigningSecret!), stored.SigningSecretHash);
        var audit = await db.AuditEntries.OrderBy(a => a.Id).LastAsync();
        Assert.Equal(WebhookService.SecretRegeneratedAction, audit.Action);
        Assert.Contains("\"secret\":true", audit.ChangesJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RegenerateSecret_OfATwilioWebhook_IsRefused()
    {
        var credential = await TwilioCredentialAsync(SqliteDatabase.Prod);
        var id = (await CreateAsync(SqliteDatabase.Prod, Input(credential))).Id!.Value;
        await using var db = _database.CreateContext();
        Assert.Equal(WebhookOutcome.Invalid, (await Service(db).RegenerateSecretAsync(SqliteDatabase.Prod, id, Alice, CancellationToken.None)).Outcome);
        Assert.Null((await db.Webhooks.SingleAsync()).SigningSecretHash);
    }

    [Fact]
    public async Task Delete_KeepsItsMessagesAndConsent_WithoutTheWebhook_AndIsAudited()
    {
        var credential = await TwilioCredentialAsync(SqliteDatabase.Prod);
        var id = (await CreateAsync(SqliteDatabase.Prod, Input(credential))).Id!.Value;
        await using var db = _database.CreateContext();
        db.InboundMessages.Add(new InboundMessage { SandboxId = SqliteDatabase.Prod, WebhookId = id, EventKey = "e1", ProfileNumber = "+14155550111", InboundNumber = "+14155550100", Body = "STOP" });
        db.ConsentRecords.Add(new ConsentRecord { SandboxId = SqliteDatabase.Prod, SenderNumber = "+14155550100", ProfileNumber = "+14155550111", State = ConsentState.OptedOut, Source = ConsentSource.Keyword, Keyword = "STOP", ChangedBy = "SMS", WebhookId = id, Version = 1 });
        await db.SaveChangesAsync();

        Assert.Equal(WebhookOutcome.Deleted, (await Service(db).DeleteAsync(SqliteDatabase.Prod, id, Alice, CancellationToken.None)).Outcome);

        await using var check = _database.CreateContext();
        Assert.False(await check.Webhooks.AnyAsync());
        var message = await check.InboundMessages.SingleAsync();
        Assert.Equal(("STOP", (int?)null), (message.Body, message.WebhookId));
        var consent = await check.ConsentRecords.SingleAsync();
        Assert.Equal((ConsentState.OptedOut, (int?)null), (consent.State, consent.WebhookId));
        Assert.Equal("Deleted", (await check.AuditEntries.OrderBy(a => a.Id).LastAsync()).Action);
    }

    [Fact]
    public async Task List_IsByName_WithPrefixSearch_AndKeysetPagingBothWays()
    {
        var credential = await TwilioCredentialAsync(SqliteDatabase.Prod);
        for (var i = 0; i < 7; i++)
        {
            Assert.Equal(WebhookOutcome.Created, (await CreateAsync(SqliteDatabase.Prod, Input(credential, $"hook-{i}"))).Outcome);
        }

        Assert.Equal(WebhookOutcome.Created, (await CreateAsync(SqliteDatabase.Prod, Input(credential, "other"))).Outcome);
        await using var db = _database.CreateContext();
        var service = Service(db);

        var first = await service.ListAsync(SqliteDatabase.Prod, "HOOK", null, 3, CancellationToken.None);
        Assert.Equal(["hook-0", "hook-1", "hook-2"], first.Items.Select(i => i.Name));
        Assert.Null(first.PreviousCursor);
        Assert.Equal("Twilio main", first.Items[0].CredentialName);
        var second = await service.ListAsync(SqliteDatabase.Prod, "HOOK", first.NextCursor, 3, CancellationToken.None);
        Assert.Equal(["hook-3", "hook-4", "hook-5"], second.Items.Select(i => i.Name));
        var third = await service.ListAsync(SqliteDatabase.Prod, "HOOK", second.NextCursor, 3, CancellationToken.None);
        Assert.Equal(["hook-6"], third.Items.Select(i => i.Name));
        Assert.Null(third.NextCursor);
        var back = await service.ListAsync(SqliteDatabase.Prod, "HOOK", third.PreviousCursor, 3, CancellationToken.None);
        Assert.Equal(["hook-3", "hook-4", "hook-5"], back.Items.Select(i => i.Name));
        Assert.Equal(8, (await service.ListAsync(SqliteDatabase.Prod, null, "not-a-cursor", 50, CancellationToken.None)).Items.Count);
    }

    [Fact]
    public async Task ActivityLists_AreNewestFirst_PerSandbox_WithNumberSearch_AndPaging()
    {
        var credential = await TwilioCredentialAsync(SqliteDatabase.Prod);
        var id = (await CreateAsync(SqliteDatabase.Prod, Input(credential))).Id!.Value;
        var devId = (await CreateAsync(SqliteDatabase.Dev, Input(await TwilioCredentialAsync(SqliteDatabase.Dev)))).Id!.Value;
        await using var db = _database.CreateContext();
        var start = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        for (var i = 0; i < 5; i++)
        {
            db.InboundMessages.Add(new InboundMessage { SandboxId = SqliteDatabase.Prod, WebhookId = id, EventKey = $"e{i}", ProfileNumber = i < 3 ? $"+4420000000{i}" : $"+1415555010{i}", InboundNumber = "+14155550100", Body = $"m{i}", ReceivedAtUtc = start.AddMinutes(i) });
            db.MessageDeliveryStatuses.Add(new MessageDeliveryStatus { SandboxId = SqliteDatabase.Prod, WebhookId = id, ClientReference = $"SM{i}", Status = "delivered", UpdatedAtUtc = start.AddMinutes(i) });
        }

        // Same time for two rows: the id breaks the tie, nothing is skipped or repeated.
        db.InboundMessages.Add(new InboundMessage { SandboxId = SqliteDatabase.Prod, WebhookId = id, EventKey = "tie", ProfileNumber = "+442000000099", InboundNumber = "+14155550100", Body = "tie", ReceivedAtUtc = start.AddMinutes(1) });
        db.InboundMessages.Add(new InboundMessage { SandboxId = SqliteDatabase.Dev, WebhookId = devId, EventKey = "dev", ProfileNumber = "+442000000001", InboundNumber = "+14155550100", Body = "dev", ReceivedAtUtc = start.AddMinutes(9) });
        db.DeliveryFeedback.Add(new DeliveryFeedback { SandboxId = SqliteDatabase.Prod, WebhookId = id, EventKey = "f1", ClientReference = "SM1", Status = "sent", ReceivedAtUtc = start });
        db.DeliveryFeedback.Add(new DeliveryFeedback { SandboxId = SqliteDatabase.Prod, WebhookId = id, EventKey = "f2", ClientReference = "SM1", Status = "delivered", ReceivedAtUtc = start.AddSeconds(5) });
        await db.SaveChangesAsync();
        var service = Service(db);

        var all = new List<string>();
        string? cursor = null;
        Page<InboundMessageItem> page;
        do
        {
            page = await service.InboundMessagesAsync(SqliteDatabase.Prod, null, cursor, 2, CancellationToken.None);
            all.AddRange(page.Items.Select(m => m.Body));
            cursor = page.NextCursor;
        }
        while (cursor is not null);
        Assert.Equal(["m4", "m3", "m2", "tie", "m1", "m0"], all);
        var back = await service.InboundMessagesAsync(SqliteDatabase.Prod, null, page.PreviousCursor, 2, CancellationToken.None);
        Assert.Equal(["m2", "tie"], back.Items.Select(m => m.Body));

        var uk = await service.InboundMessagesAsync(SqliteDatabase.Prod, "+44 2000", null, 50, CancellationToken.None);
        Assert.Equal(["m2", "tie", "m1", "m0"], uk.Items.Select(m => m.Body));
        Assert.All(uk.Items, m => Assert.Equal("Inbound", m.WebhookName));

        var statuses = await service.DeliveryStatusesAsync(SqliteDatabase.Prod, "SM", null, 3, CancellationToken.None);
        Assert.Equal(["SM4", "SM3", "SM2"], statuses.Items.Select(s => s.ClientReference));
        Assert.Equal(["sent", "delivered"], (await service.FeedbackEventsAsync(SqliteDatabase.Prod, "SM1", CancellationToken.None)).Select(e => e.Status));
        Assert.Empty(await service.FeedbackEventsAsync(SqliteDatabase.Dev, "SM1", CancellationToken.None));
    }
}
