using System.Data.Common;
using JourneyOptimizer.Sms.Core.Audit;
using JourneyOptimizer.Sms.Core.Channels;
using JourneyOptimizer.Sms.Core.Common;
using JourneyOptimizer.Sms.Core.Credentials;
using JourneyOptimizer.Sms.Core.Credentials.Twilio;
using JourneyOptimizer.Sms.Core.Data;
using JourneyOptimizer.Sms.Core.Webhooks;
using JourneyOptimizer.Sms.Testing;
using JourneyOptimizer.Sms.UnitTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;

namespace JourneyOptimizer.Sms.UnitTests.Data;

/// <summary>
/// A name taken by another instance between a service's check and its insert: the unique index refuses the insert (a
/// provider error of its own on each database: SQLite 2067, PostgreSQL 23505, SQL Server 2601), the transaction rolls
/// back, and the service answers with the same field error as its check, nothing half-saved. The competing row is
/// committed from another context just before the service's transaction starts.
/// </summary>
public abstract class UniqueRaceTests(TestDatabase database) : IAsyncLifetime
{
    private static readonly Actor Alice = new("u1", "alice@example.com");

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => database.DisposeAsync();

    /// <summary>A context whose first transaction is preceded by <paramref name="competitor"/>'s commit, on its own context.</summary>
    private SmsDbContext RacingContext(Func<SmsDbContext, Task> competitor) =>
        new(new DbContextOptionsBuilder<SmsDbContext>(database.Options).AddInterceptors(new Race(database, competitor)).Options);

    [Fact]
    public async Task A_credential_name_taken_meanwhile_is_a_field_error()
    {
        await using var db = RacingContext(async other =>
        {
            other.ApiCredentials.Add(Twilio("MAIN", "+14155550101"));
            await other.SaveChangesAsync();
        });

        var result = await database.CredentialService(db).CreateAsync(TestDatabase.Prod, SmsVendor.Twilio, new TwilioCredentialInput
        {
            Name = "Main",
            AccountSid = "AC" + new string('a', 32),
            AuthToken = new string('b', 32),
            MessagingServiceSid = "MG" + new string('c', 32),
            InboundNumber = "+14155550100",
        }, Alice, saveWithoutVerification: false, CancellationToken.None);

        Assert.Equal(CredentialOutcome.NameTaken, result.Outcome);
        Assert.Equal("Name", Assert.Single(result.FieldErrors).Field);
        await AssertNothingHalfSavedAsync(c => c.ApiCredentials.CountAsync());
    }

    [Fact]
    public async Task A_webhook_name_taken_meanwhile_is_a_field_error()
    {
        int credentialId;
        await using (var seed = database.CreateContext())
        {
            var credential = Twilio("Twilio", "+14155550100");
            seed.ApiCredentials.Add(credential);
            await seed.SaveChangesAsync();
            credentialId = credential.Id;
        }

        await using var db = RacingContext(async other =>
        {
            other.Webhooks.Add(new Webhook
            {
                SandboxId = TestDatabase.Prod,
                Name = "INBOUND",
                NormalizedName = "INBOUND",
                Vendor = SmsVendor.Twilio,
                Type = WebhookType.Inbound,
                ApiCredentialId = credentialId,
                PathToken = Guid.NewGuid().ToString("N"),
                CreatedAtUtc = DateTime.UtcNow,
                CreatedBy = "other",
                ModifiedAtUtc = DateTime.UtcNow,
                ModifiedBy = "other",
                Version = 1,
            });
            await other.SaveChangesAsync();
        });
        var service = new WebhookService(db, new AuditLog(db, TimeProvider.System), TimeProvider.System, new WebhookInputValidator(TestVendors.Facts),
            TestVendors.Facts, NullLogger<WebhookService>.Instance, []);

        var result = await service.CreateAsync(TestDatabase.Prod, new WebhookInput
        {
            Name = "Inbound",
            Vendor = SmsVendor.Twilio,
            Type = WebhookType.Inbound,
            ApiCredentialId = credentialId,
            SenderNumber = "+14155550100",
        }, Alice, CancellationToken.None);

        Assert.Equal(WebhookOutcome.NameTaken, result.Outcome);
        Assert.Equal(nameof(WebhookInput.Name), Assert.Single(result.FieldErrors).Field);
        await AssertNothingHalfSavedAsync(c => c.Webhooks.CountAsync());
    }

    [Fact]
    public async Task A_channel_configuration_name_taken_meanwhile_is_a_field_error()
    {
        await using var db = RacingContext(async other =>
        {
            other.Set<ChannelConfiguration>().Add(new ChannelConfiguration
            {
                SandboxId = TestDatabase.Prod,
                Name = "PROMO",
                NormalizedName = "PROMO",
                Channel = MobileChannel.Sms,
                Status = ChannelConfigurationStatus.Draft,
                CreatedAtUtc = DateTime.UtcNow,
                CreatedBy = "other",
                ModifiedAtUtc = DateTime.UtcNow,
                ModifiedBy = "other",
                Version = 1,
            });
            await other.SaveChangesAsync();
        });
        var service = new ChannelConfigurationCommands(db, new AuditLog(db, TimeProvider.System), TimeProvider.System,
            new ChannelConfigurationInputValidator(), TestVendors.Facts, NullLogger<ChannelConfigurationCommands>.Instance);

        var result = await service.CreateAsync(TestDatabase.Prod, new ChannelConfigurationInput { Name = "promo" }, submit: false, Alice,
            CancellationToken.None);

        Assert.Equal(ChannelConfigurationOutcome.NameTaken, result.Outcome);
        Assert.Equal(nameof(ChannelConfigurationInput.Name), Assert.Single(result.FieldErrors).Field);
        await AssertNothingHalfSavedAsync(c => c.Set<ChannelConfiguration>().CountAsync());
    }

    /// <summary>Only the competitor's row is stored, and no audit entry of the refused save.</summary>
    private async Task AssertNothingHalfSavedAsync(Func<SmsDbContext, Task<int>> rows)
    {
        await using var check = database.CreateContext();
        Assert.Equal(1, await rows(check));
        Assert.Equal(0, await check.AuditEntries.CountAsync());
    }

    private static TwilioCredential Twilio(string name, string number) => new()
    {
        SandboxId = TestDatabase.Prod,
        Name = name,
        NormalizedName = ApiCredential.NormalizeName(name),
        AccountSid = "AC" + Guid.NewGuid().ToString("N"),
        AuthTokenProtected = "x",
        AuthTokenHint = "abcd",
        MessagingServiceSid = "MG" + new string('d', 32),
        InboundNumber = number,
        Address = number,
        CreatedBy = "other",
        ModifiedBy = "other",
        Version = 1,
    };

    /// <summary>Commits the competitor's row once, just before the first transaction of the context it watches.</summary>
    private sealed class Race(TestDatabase database, Func<SmsDbContext, Task> competitor) : DbTransactionInterceptor
    {
        private bool _done;

        public override async ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(DbConnection connection,
            TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
        {
            if (!_done)
            {
                _done = true;
                await using var other = database.CreateContext();
                await competitor(other);
            }

            return result;
        }
    }

    public sealed class OnSqlite() : UniqueRaceTests(new SqliteDatabase());

    public sealed class OnPostgreSql(PostgreSqlCluster cluster) : UniqueRaceTests(new PostgreSqlDatabase(cluster));
}
