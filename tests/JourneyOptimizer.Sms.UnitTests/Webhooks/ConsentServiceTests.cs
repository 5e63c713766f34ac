using JourneyOptimizer.Sms.Core.Audit;
using JourneyOptimizer.Sms.Core.Common;
using JourneyOptimizer.Sms.Core.Consent;
using JourneyOptimizer.Sms.Core.Credentials.Twilio;
using JourneyOptimizer.Sms.Core.Data;
using JourneyOptimizer.Sms.UnitTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace JourneyOptimizer.Sms.UnitTests.Webhooks;

public abstract partial class ConsentServiceTests(TestDatabase database) : IAsyncLifetime
{
    private static readonly Actor Alice = new("u1", "alice@example.com");
    private readonly TestDatabase _database = database;

    /// <summary>Prod sends from +14155550100 (its Twilio credential's inbound number); Dev from +14155550199.</summary>
    public async ValueTask InitializeAsync()
    {
        await using var db = _database.CreateContext();
        foreach (var (sandbox, number) in new[] { (SqliteDatabase.Prod, "+14155550100"), (SqliteDatabase.Dev, "+14155550199") })
        {
            db.ApiCredentials.Add(new TwilioCredential
            {
                SandboxId = sandbox,
                Name = "Twilio",
                NormalizedName = "TWILIO",
                AccountSid = "AC" + Guid.NewGuid().ToString("N"),
                AuthTokenProtected = "x",
                AuthTokenHint = "abcd",
                MessagingServiceSid = "MG" + new string('b', 32),
                InboundNumber = number,
                Address = number,
                CreatedBy = "seed",
                ModifiedBy = "seed",
                Version = 1,
            });
        }

        await db.SaveChangesAsync();
    }

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    private static ConsentService Service(SmsDbContext db) =>
        new(db, new AuditLog(db, TimeProvider.System), TimeProvider.System, NullLogger<ConsentService>.Instance);

    private static ManualConsentInput Numbers(string sender = "+1 415 555 0100", string profile = "+44 20 7946 0018") =>
        new() { SenderNumber = sender, ProfileNumber = profile };

    [Fact]
    public async Task ManualOptOut_CreatesTheRecord_IsAudited_AndIsSeenByIsOptedOut()
    {
        await using var db = _database.CreateContext();
        var service = Service(db);
        Assert.False(await service.IsOptedOutAsync(SqliteDatabase.Prod, "+14155550100", "+442079460018", CancellationToken.None));

        var result = await service.SetAsync(SqliteDatabase.Prod, Numbers(), ConsentState.OptedOut, Alice, CancellationToken.None);

        Assert.Equal(ConsentOutcome.Changed, result.Outcome);
        var record = await db.ConsentRecords.AsNoTracking().SingleAsync();
        Assert.Equal(("+14155550100", "+442079460018", ConsentState.OptedOut, ConsentSource.Manual, "alice@example.com", 1),
            (record.SenderNumber, record.ProfileNumber, record.State, record.Source, record.ChangedBy, record.Version));
        Assert.True(await service.IsOptedOutAsync(SqliteDatabase.Prod, "+14155550100", "+442079460018", CancellationToken.None));
        Assert.True(await service.IsOptedOutAsync(SqliteDatabase.Prod, "+1 (415) 555-0100", "+44 20 7946 0018", CancellationToken.None));
        Assert.False(await service.IsOptedOutAsync(SqliteDatabase.Dev, "+14155550100", "+442079460018", CancellationToken.None));
        Assert.False(await service.IsOptedOutAsync(SqliteDatabase.Prod, "12345", "+442079460018", CancellationToken.None));
        var audit = await db.AuditEntries.SingleAsync();
        Assert.Equal(("Consent", ConsentService.OptedOutAction, "alice@example.com"), (audit.ObjectType, audit.Action, audit.UserName));
    }

    [Fact]
    public async Task OptBackIn_ByRow_WithTheShownVersion_AndAStaleRowIsRefused()
    {
        await using var db = _database.CreateContext();
        var service = Service(db);
        await service.SetAsync(SqliteDatabase.Prod, Numbers(), ConsentState.OptedOut, Alice, CancellationToken.None);
        var record = await db.ConsentRecords.AsNoTracking().SingleAsync();

        Assert.Equal(ConsentOutcome.Changed, (await service.SetAsync(SqliteDatabase.Prod, record.Id, record.Version, ConsentState.OptedIn, Alice, CancellationToken.None)).Outcome);
        Assert.False(await service.IsOptedOutAsync(SqliteDatabase.Prod, "+14155550100", "+442079460018", CancellationToken.None));
        Assert.Equal(ConsentOutcome.ConcurrencyConflict, (await service.SetAsync(SqliteDatabase.Prod, record.Id, record.Version, ConsentState.OptedOut, Alice, CancellationToken.None)).Outcome);
        Assert.Equal(ConsentOutcome.NotFound, (await service.SetAsync(SqliteDatabase.Dev, record.Id, 2, ConsentState.OptedOut, Alice, CancellationToken.None)).Outcome);
        Assert.Equal(ConsentOutcome.Unchanged, (await service.SetAsync(SqliteDatabase.Prod, Numbers(), ConsentState.OptedIn, Alice, CancellationToken.None)).Outcome);
        Assert.Equal([ConsentService.OptedOutAction, ConsentService.OptedInAction], await db.AuditEntries.OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
    }

    [Theory]
    [InlineData("12", "+442079460018", "SenderNumber")]
    [InlineData("+14155550100", "12345", "ProfileNumber")]
    [InlineData("+14155550100", "not a number", "ProfileNumber")]
    [InlineData(null, null, "SenderNumber")]
    public async Task BadNumbers_AreFieldErrors_AndNothingIsSaved(string? sender, string? profile, string field)
    {
        await using var db = _database.CreateContext();
        var result = await Service(db).SetAsync(SqliteDatabase.Prod, new ManualConsentInput { SenderNumber = sender, ProfileNumber = profile },
            ConsentState.OptedOut, Alice, CancellationToken.None);
        Assert.Equal(ConsentOutcome.Invalid, result.Outcome);
        Assert.Contains(result.FieldErrors, e => e.Field == field);
        Assert.False(await db.ConsentRecords.AnyAsync());
    }

    [Theory]
    [InlineData("+1 415 555 0199")]   // Dev's number
    [InlineData("+1 415 555 0142")]   // no sandbox's number
    public async Task ManualConsent_OfANumberThatIsNotTheSandboxsSender_IsAFieldError_AndNothingIsSaved(string sender)
    {
        await using var db = _database.CreateContext();

        var result = await Service(db).SetAsync(SqliteDatabase.Prod, Numbers(sender), ConsentState.OptedOut, Alice, CancellationToken.None);

        Assert.Equal(ConsentOutcome.Invalid, result.Outcome);
        Assert.Equal([("SenderNumber", ConsentService.SenderNotInSandboxMessage)], result.FieldErrors.Select(e => (e.Field, e.Message)));
        Assert.False(await db.ConsentRecords.AnyAsync());
        Assert.False(await db.AuditEntries.AnyAsync());
    }

    [Fact]
    public async Task ManualConsent_AcceptsEverySenderNumberOfTheSandbox()
    {
        await using var db = _database.CreateContext();
        db.ConsentRecords.Add(new ConsentRecord
        {
            SandboxId = SqliteDatabase.Prod,
            SenderNumber = "+14155550177",
            ProfileNumber = "+442079460099",
            State = ConsentState.OptedIn,
            Source = ConsentSource.Keyword,
            ChangedBy = "SMS",
            Version = 1,
        });
        db.Set<Core.Channels.ChannelConfiguration>().Add(new Core.Channels.ChannelConfiguration
        {
            SandboxId = SqliteDatabase.Prod,
            Name = "Promo",
            NormalizedName = "PROMO",
            SenderNumber = "+14155550166",
            PendingSenderNumber = "+14155550155",
            CreatedBy = "seed",
            ModifiedBy = "seed",
            Version = 1,
        });
        await db.SaveChangesAsync();
        var service = Service(db);

        foreach (var sender in new[] { "+14155550100", "+14155550177", "+14155550166", "+14155550155" })
        {
            Assert.Equal(ConsentOutcome.Changed, (await service.SetAsync(SqliteDatabase.Prod, Numbers(sender), ConsentState.OptedOut, Alice,
                CancellationToken.None)).Outcome);
        }
    }

    [Fact]
    public async Task List_IsMostRecentFirst_WithProfilePrefixSearch()
    {
        await using var db = _database.CreateContext();
        var start = new DateTime(2026, 2, 1, 0, 0, 0, DateTimeKind.Utc);
        for (var i = 0; i < 4; i++)
        {
            db.ConsentRecords.Add(new ConsentRecord
            {
                SandboxId = SqliteDatabase.Prod,
                SenderNumber = "12345",
                ProfileNumber = i % 2 == 0 ? $"+4420794600{i}0" : $"+1415555020{i}",
                State = ConsentState.OptedIn,
                Source = ConsentSource.Keyword,
                Keyword = "START",
                ChangedBy = "SMS",
                ChangedAtUtc = start.AddHours(i),
                Version = 1,
            });
        }

        await db.SaveChangesAsync();
        var service = Service(db);
        var page = await service.ListAsync(SqliteDatabase.Prod, null, null, 3, CancellationToken.None);
        Assert.Equal(["+14155550203", "+442079460020", "+14155550201"], page.Items.Select(c => c.ProfileNumber));
        Assert.Equal(["+442079460000"], (await service.ListAsync(SqliteDatabase.Prod, null, page.NextCursor, 3, CancellationToken.None)).Items.Select(c => c.ProfileNumber));
        Assert.Equal(["+442079460020", "+442079460000"], (await service.ListAsync(SqliteDatabase.Prod, "+44", null, 50, CancellationToken.None)).Items.Select(c => c.ProfileNumber));
        Assert.Empty((await service.ListAsync(SqliteDatabase.Dev, null, null, 50, CancellationToken.None)).Items);
    }
}
