using JourneyOptimizer.Sms.Core;
using JourneyOptimizer.Sms.Core.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace JourneyOptimizer.Sms.UnitTests.Data;

/// <summary>
/// A webhook's inbound messages, delivery feedback and statuses outlive it: the upgrade of a database that already
/// holds them keeps every row, and deleting the webhook afterwards sets their webhook to null instead of deleting them.
/// </summary>
public sealed class WebhookHistoryMigrationTests : IAsyncLifetime
{
    private const string Before = "20261123104539_DeliveryFeedbackByMessage";

    private readonly SqliteConnection _connection = new("Data Source=:memory:");

    public async ValueTask InitializeAsync() => await _connection.OpenAsync();

    public async ValueTask DisposeAsync() => await _connection.DisposeAsync();

    private SmsDbContext Context() => new(new DbContextOptionsBuilder<SmsDbContext>()
        .UseSqlite(_connection, o => o.MigrationsAssembly(DependencyInjection.SqliteMigrationsAssembly)).Options);

    private async Task<long> CountAsync(string sql)
    {
        await using var command = _connection.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }

    [Fact]
    public async Task Upgrading_KeepsTheHistory_AndDeletingTheWebhookNoLongerDeletesIt()
    {
        var cancel = TestContext.Current.CancellationToken;
        await using (var db = Context())
        {
            await db.GetService<IMigrator>().MigrateAsync(Before, cancel);
            await db.Database.ExecuteSqlRawAsync("""
                INSERT INTO Sandboxes (Id, Name, Title, CreatedAtUtc, Version) VALUES (1, 'prod', 'Production', '2026-01-01 00:00:00', 1);
                INSERT INTO ApiCredentials (Id, SandboxId, Vendor, Name, NormalizedName, Address, VerificationStatus, CreatedAtUtc, CreatedBy,
                    ModifiedAtUtc, ModifiedBy, Version, AccountSid, AuthTokenProtected, AuthTokenHint, MessagingServiceSid, InboundNumber)
                    VALUES (1, 1, 'Twilio', 'twilio', 'TWILIO', '+14155550100', 'Verified', '2026-01-01 00:00:00', 'a', '2026-01-01 00:00:00', 'a', 1,
                    'AC00000000000000000000000000000000', 'x', 'abcd', 'MG00000000000000000000000000000000', '+14155550100');
                INSERT INTO Webhooks (Id, SandboxId, Name, NormalizedName, Vendor, Type, ApiCredentialId, SenderNumber, PathToken,
                    CreatedAtUtc, CreatedBy, ModifiedAtUtc, ModifiedBy, Version)
                    VALUES (7, 1, 'hook', 'HOOK', 'Twilio', 'Inbound', 1, '+14155550100', 'token-7', '2026-01-01 00:00:00', 'a', '2026-01-01 00:00:00', 'a', 1);
                INSERT INTO InboundMessages (SandboxId, WebhookId, EventKey, ProfileNumber, InboundNumber, Body, FuzzyMatch, ReceivedAtUtc)
                    VALUES (1, 7, 'SM1', '+14155552671', '+14155550100', 'STOP', 0, '2026-01-01 00:00:00');
                INSERT INTO DeliveryFeedback (SandboxId, WebhookId, EventKey, ClientReference, Status, ReceivedAtUtc)
                    VALUES (1, 7, 'SM2:delivered', 'SM2', 'delivered', '2026-01-01 00:00:00');
                INSERT INTO MessageDeliveryStatuses (SandboxId, WebhookId, ClientReference, Status, Rank, UpdatedAtUtc)
                    VALUES (1, 7, 'SM2', 'delivered', 5, '2026-01-01 00:00:00');
                """, cancel);

            await db.Database.MigrateAsync(cancel);
            Assert.Empty(await db.Database.GetPendingMigrationsAsync(cancel));
        }

        Assert.Equal(1, await CountAsync("SELECT COUNT(*) FROM InboundMessages WHERE WebhookId = 7 AND Body = 'STOP'"));
        Assert.Equal(1, await CountAsync("SELECT COUNT(*) FROM DeliveryFeedback WHERE WebhookId = 7"));
        Assert.Equal(1, await CountAsync("SELECT COUNT(*) FROM MessageDeliveryStatuses WHERE WebhookId = 7"));
        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM pragma_foreign_key_check"));

        // The database itself keeps the history: the foreign keys set the webhook to null.
        await using (var db = Context())
        {
            Assert.Equal(1, await db.Webhooks.Where(w => w.Id == 7).ExecuteDeleteAsync(cancel));
        }

        Assert.Equal(1, await CountAsync("SELECT COUNT(*) FROM InboundMessages WHERE WebhookId IS NULL AND Body = 'STOP'"));
        Assert.Equal(1, await CountAsync("SELECT COUNT(*) FROM DeliveryFeedback WHERE WebhookId IS NULL"));
        Assert.Equal(1, await CountAsync("SELECT COUNT(*) FROM MessageDeliveryStatuses WHERE WebhookId IS NULL"));
    }
}
