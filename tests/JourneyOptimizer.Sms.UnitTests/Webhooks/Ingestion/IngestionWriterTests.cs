using JourneyOptimizer.Sms.Core.Consent;
using JourneyOptimizer.Sms.Core.Credentials.Custom;
using JourneyOptimizer.Sms.Core.Credentials.Twilio;
using JourneyOptimizer.Sms.Core.Data;
using JourneyOptimizer.Sms.Core.Webhooks;
using JourneyOptimizer.Sms.Core.Webhooks.Ingestion;
using JourneyOptimizer.Sms.Testing;
using JourneyOptimizer.Sms.UnitTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;

namespace JourneyOptimizer.Sms.UnitTests.Webhooks.Ingestion;

/// <summary>
/// The webhook writer's grouped commits and idempotency on each database: a batch is one transaction, a key twice in a
/// batch or already stored is answered Duplicate (an inbound one with the reply it got first), and a message's status
/// only moves forward. Its receipts are written with SQL of its own, so each provider runs it for real.
/// </summary>
public abstract class IngestionWriterTests(TestDatabase database) : IAsyncLifetime
{
    private readonly ServiceProvider _services = Services(database);

    protected TestDatabase Database { get; } = database;

    protected WebhookRows Webhooks { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Webhooks = await WebhookRows.CreateAsync(Database);

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await Database.DisposeAsync();
    }

    private static ServiceProvider Services(TestDatabase database)
    {
        var services = new ServiceCollection();
        services.AddScoped(_ => database.CreateContext());
        return services.BuildServiceProvider();
    }

    /// <summary>A writer as an instance of the portal has one; <see cref="IngestionWriter.CommitBatchAsync"/> is called directly.</summary>
    protected IngestionWriter NewWriter()
    {
        var options = Microsoft.Extensions.Options.Options.Create(new WebhookIngestionOptions());
        var scopes = _services.GetRequiredService<IServiceScopeFactory>();
        var replies = new ReplySender(scopes, TestVendors.Create(Database.Protector, new Mock<ITwilioClient>(MockBehavior.Strict).Object,
            new Mock<ICustomProviderClient>(MockBehavior.Strict).Object), options,
            TimeProvider.System, NullLogger<ReplySender>.Instance);
        return new IngestionWriter(scopes, options, replies, NullLogger<IngestionWriter>.Instance);
    }

    protected FeedbackEvent Receipt(string messageSid, string status) => new()
    {
        Webhook = Webhooks.Feedback,
        EventKey = messageSid + ":" + status,
        ClientReference = messageSid,
        Status = status,
        ReceivedAtUtc = DateTime.UtcNow,
    };

    protected InboundEvent Message(string messageSid, string body, KeywordMatch? match = null) => new()
    {
        Webhook = Webhooks.Inbound,
        EventKey = messageSid,
        ProviderMessageId = messageSid,
        ProfileNumber = "+442079460018",
        InboundNumber = WebhookRows.SenderNumber,
        Body = body,
        Match = match ?? KeywordMatch.None(null),
        ReceivedAtUtc = DateTime.UtcNow,
    };

    private static async Task<IngestResult[]> ResultsAsync(IEnumerable<IngestionEvent> events) =>
        await Task.WhenAll(events.Select(e => e.Completion));

    [Fact]
    public async Task A_batch_is_stored_in_one_commit_and_a_key_twice_in_it_once()
    {
        var stop = new KeywordMatch(KeywordCategory.OptOut, "STOP", false, "You are unsubscribed.", ConsentState.OptedOut);
        IngestionEvent[] batch =
        [
            Receipt("SM1", "queued"), Receipt("SM1", "delivered"), Receipt("SM1", "sent"), Receipt("SM1", "queued"),
            Receipt("SM2", "sent"),
            Message("SMin1", "STOP", stop), Message("SMin1", "STOP", stop), Message("SMin2", "hello"),
        ];

        await NewWriter().CommitBatchAsync(batch);

        var results = await ResultsAsync(batch);
        Assert.Equal([IngestStatus.Stored, IngestStatus.Stored, IngestStatus.Stored, IngestStatus.Duplicate, IngestStatus.Stored,
            IngestStatus.Stored, IngestStatus.Duplicate, IngestStatus.Stored], results.Select(r => r.Status));
        Assert.Equal("You are unsubscribed.", results[6].Reply);
        await using var db = Database.CreateContext();
        Assert.Equal(4, await db.DeliveryFeedback.CountAsync());
        Assert.Equal(2, await db.InboundMessages.CountAsync());

        // The status moved forward only: delivered is not replaced by the sent that arrived after it.
        var statuses = await db.MessageDeliveryStatuses.OrderBy(s => s.ClientReference).Select(s => new { s.ClientReference, s.Status })
            .ToListAsync();
        Assert.Equal([("SM1", "delivered"), ("SM2", "sent")], statuses.Select(s => (s.ClientReference, s.Status)));
        var consent = await db.ConsentRecords.SingleAsync();
        Assert.Equal((ConsentState.OptedOut, WebhookRows.SenderNumber, "+442079460018"), (consent.State, consent.SenderNumber, consent.ProfileNumber));
    }

    [Fact]
    public async Task A_retry_of_stored_events_is_a_duplicate_with_the_first_reply_and_stores_nothing()
    {
        var writer = NewWriter();
        var stop = new KeywordMatch(KeywordCategory.OptOut, "STOP", false, "You are unsubscribed.", ConsentState.OptedOut);
        await writer.CommitBatchAsync([Receipt("SM1", "sent"), Message("SMin1", "STOP", stop)]);

        // The provider retries (a new request, a later batch); the webhook's reply has changed meanwhile.
        var later = new KeywordMatch(KeywordCategory.OptOut, "STOP", false, "A newer reply.", ConsentState.OptedOut);
        IngestionEvent[] retry = [Receipt("SM1", "sent"), Message("SMin1", "STOP", later), Receipt("SM1", "delivered")];
        await writer.CommitBatchAsync(retry);

        var results = await ResultsAsync(retry);
        Assert.Equal([IngestStatus.Duplicate, IngestStatus.Duplicate, IngestStatus.Stored], results.Select(r => r.Status));
        Assert.Equal("You are unsubscribed.", results[1].Reply);
        await using var db = Database.CreateContext();
        Assert.Equal((2, 1), (await db.DeliveryFeedback.CountAsync(), await db.InboundMessages.CountAsync()));
        Assert.Equal("delivered", (await db.MessageDeliveryStatuses.SingleAsync()).Status);
        Assert.Equal(1, (await db.ConsentRecords.SingleAsync()).Version);
    }

    [Fact]
    public async Task An_event_that_cannot_be_stored_fails_alone_and_the_rest_of_its_batch_is_stored()
    {
        // A receipt the database refuses (a required column empty, as a bug would leave it): the batch fails, its
        // events are committed one by one, and only the broken one is answered Failed (503, the provider retries).
        var broken = new FeedbackEvent
        {
            Webhook = Webhooks.Feedback,
            EventKey = "SM2:sent",
            ClientReference = null!,
            Status = "sent",
            ReceivedAtUtc = DateTime.UtcNow,
        };
        IngestionEvent[] batch = [Receipt("SM1", "sent"), broken, Message("SMin1", "hello")];

        await NewWriter().CommitBatchAsync(batch);

        var results = await ResultsAsync(batch);
        Assert.Equal([IngestStatus.Stored, IngestStatus.Failed, IngestStatus.Stored], results.Select(r => r.Status));
        await using var db = Database.CreateContext();
        Assert.Equal(["SM1:sent"], await db.DeliveryFeedback.Select(f => f.EventKey).ToListAsync());
        Assert.Equal(1, await db.InboundMessages.CountAsync());
    }

    public sealed class OnSqlite() : IngestionWriterTests(new SqliteDatabase());

    public sealed class OnPostgreSql(PostgreSqlCluster cluster) : IngestionWriterTests(new PostgreSqlDatabase(cluster))
    {
        /// <summary>
        /// Four instances' writers committing overlapping batches at the same moment (PostgreSQL only: the in-memory
        /// SQLite database is one connection, and SQLite has one writer anyway). A writer that read a key as new and
        /// then meets the other's row gets a unique violation (23505), retries its events one by one and answers them
        /// Duplicate: every key is stored once and answered Stored exactly once, nothing fails.
        /// </summary>
        [Fact]
        public async Task Four_writers_storing_the_same_events_at_once_store_each_once()
        {
            const int Keys = 300;
            var writers = Enumerable.Range(0, 4).Select(_ => NewWriter()).ToList();
            var sent = new List<IngestionEvent>();
            var rounds = new List<Task>();
            for (var w = 0; w < writers.Count; w++)
            {
                // Each writer sends every key, in batches of 25, starting at a different place.
                var events = Enumerable.Range(0, Keys).Select(i => (i + (w * 75)) % Keys)
                    .Select(i => i % 3 == 0 ? (IngestionEvent)Message("SMin" + i, "hello " + i) : Receipt("SM" + i, i % 2 == 0 ? "sent" : "delivered"))
                    .ToList();
                sent.AddRange(events);
                var writer = writers[w];
                rounds.Add(Task.Run(async () =>
                {
                    foreach (var chunk in events.Chunk(25))
                    {
                        await writer.CommitBatchAsync(chunk);
                    }
                }));
            }

            await Task.WhenAll(rounds);

            var results = await ResultsAsync(sent);
            Assert.DoesNotContain(results, r => r.Status == IngestStatus.Failed);
            Assert.Equal(Keys, results.Count(r => r.Status == IngestStatus.Stored));
            await using var db = Database.CreateContext();
            Assert.Equal(Keys, await db.DeliveryFeedback.CountAsync() + await db.InboundMessages.CountAsync());
        }
    }
}
