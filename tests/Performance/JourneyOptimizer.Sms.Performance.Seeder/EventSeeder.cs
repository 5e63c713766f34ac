using System.Diagnostics;
using System.Globalization;
using JourneyOptimizer.Sms.Core.Credentials;
using JourneyOptimizer.Sms.Core.Data;
using JourneyOptimizer.Sms.Core.Sandboxes;
using JourneyOptimizer.Sms.Core.Webhooks;
using JourneyOptimizer.Sms.Core.Webhooks.Ingestion;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace JourneyOptimizer.Sms.Performance.Seeder;

/// <summary>
/// What webhooks store, in bulk, for the activity lists' benchmark (tests/Performance/events.sh): an Inbound and a
/// Feedback Twilio webhook on one of the sandbox's credentials, then <c>count</c> events, half inbound messages and half
/// delivery receipts (queued, sent, delivered per message, so a sixth as many delivery statuses), received one second
/// apart up to now, in arrival order as the ingestion writer stores them. Written by prepared commands built from the
/// EF model (<see cref="ModelInserter"/>), one transaction per batch.
/// </summary>
public sealed class EventSeeder(IServiceProvider services, TimeProvider time)
{
    private static readonly string[] Statuses = ["queued", "sent", "delivered"];

    /// <summary>
    /// Seeds the sandbox; returns a message id that has receipts (for the Feedback page's one message) and the cursor of
    /// the inbound messages page that starts halfway down the list.
    /// </summary>
    public async Task<(string MessageSid, string MiddleCursor, TimeSpan Elapsed)> SeedAsync(SandboxRef sandbox, int count,
        int batchSize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sandbox);
        var stopwatch = Stopwatch.StartNew();
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SmsDbContext>();
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var credentialId = await db.ApiCredentials.Where(c => c.SandboxId == sandbox.Id && c.Vendor == SmsVendor.Twilio)
            .OrderBy(c => c.Id).Select(c => c.Id).FirstOrDefaultAsync(cancellationToken);
        if (credentialId == 0)
        {
            throw new InvalidOperationException($"Sandbox '{sandbox.Name}' has no Twilio credential: seed some (--sandbox) first.");
        }

        var now = time.GetUtcNow().UtcDateTime;
        Webhook Hook(string name, WebhookType type) => new()
        {
            SandboxId = sandbox.Id,
            Name = name,
            NormalizedName = name.ToUpperInvariant(),
            Vendor = SmsVendor.Twilio,
            Type = type,
            ApiCredentialId = credentialId,
            SenderNumber = "+14155550100",
            PathToken = Guid.NewGuid().ToString("N"),
            CreatedAtUtc = now,
            CreatedBy = "performance-seeder",
            ModifiedAtUtc = now,
            ModifiedBy = "performance-seeder",
            Version = 1,
        };
        var inbound = Hook("Inbound (seeded)", WebhookType.Inbound);
        var feedback = Hook("Feedback (seeded)", WebhookType.Feedback);
        db.Webhooks.AddRange(inbound, feedback);
        await db.SaveChangesAsync(cancellationToken);

        var messages = count / 2;
        var receipts = count - messages;
        var first = now.AddSeconds(-count);
        await InsertAsync(db, typeof(InboundMessage), messages, batchSize, i => new InboundMessage
        {
            SandboxId = sandbox.Id,
            WebhookId = inbound.Id,
            EventKey = "SMin" + Hex(i),
            ProviderMessageId = "SMin" + Hex(i),
            ProfileNumber = string.Create(CultureInfo.InvariantCulture, $"+4420{7946_0000 + (i % 1_000_000):00000000}"),
            InboundNumber = "+14155550100",
            Body = i % 10 == 0 ? "STOP" : string.Create(CultureInfo.InvariantCulture, $"Hello number {i}"),
            Category = i % 10 == 0 ? KeywordCategory.OptOut : null,
            Keyword = i % 10 == 0 ? "STOP" : null,
            ReceivedAtUtc = first.AddSeconds(2 * i),
        }, cancellationToken);
        await InsertAsync(db, typeof(DeliveryFeedback), receipts, batchSize, i => new DeliveryFeedback
        {
            SandboxId = sandbox.Id,
            WebhookId = feedback.Id,
            EventKey = "SM" + Hex(i / 3) + ":" + Statuses[i % 3],
            ClientReference = "SM" + Hex(i / 3),
            Status = Statuses[i % 3],
            ReceivedAtUtc = first.AddSeconds((2 * i) + 1),
        }, cancellationToken);
        await InsertAsync(db, typeof(MessageDeliveryStatus), (receipts + 2) / 3, batchSize, i => new MessageDeliveryStatus
        {
            SandboxId = sandbox.Id,
            WebhookId = feedback.Id,
            ClientReference = "SM" + Hex(i),
            Status = "delivered",
            Rank = DeliveryStatusRank.Of("delivered"),
            UpdatedAtUtc = first.AddSeconds((6 * i) + 5),
        }, cancellationToken);
        var middle = await db.InboundMessages.Where(m => m.SandboxId == sandbox.Id).OrderBy(m => m.Id).Skip(messages / 2)
            .Select(m => new { m.ReceivedAtUtc, m.Id }).FirstAsync(cancellationToken);
        return ("SM" + Hex(receipts / 6), ActivityPaging.Encode(true, DateTime.SpecifyKind(middle.ReceivedAtUtc, DateTimeKind.Utc), middle.Id),
            stopwatch.Elapsed);
    }

    private static string Hex(int i) => i.ToString("x32", CultureInfo.InvariantCulture);

    private static async Task InsertAsync(SmsDbContext db, Type type, int count, int batchSize, Func<int, object> row,
        CancellationToken cancellationToken)
    {
        for (var start = 0; start < count; start += batchSize)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            using (var insert = new ModelInserter(db, type))
            {
                for (var i = start; i < Math.Min(count, start + batchSize); i++)
                {
                    await insert.InsertAsync(row(i), cancellationToken);
                }
            }

            await transaction.CommitAsync(cancellationToken);
        }
    }
}
