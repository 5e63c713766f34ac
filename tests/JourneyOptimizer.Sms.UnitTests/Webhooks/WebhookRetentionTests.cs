using JourneyOptimizer.Sms.Core.Audit;
using JourneyOptimizer.Sms.Core.Consent;
using JourneyOptimizer.Sms.Core.Webhooks;
using JourneyOptimizer.Sms.Core.Webhooks.Ingestion;
using JourneyOptimizer.Sms.Core.Webhooks.Retention;
using JourneyOptimizer.Sms.Testing;
using JourneyOptimizer.Sms.UnitTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace JourneyOptimizer.Sms.UnitTests.Webhooks;

/// <summary>
/// The retention of what webhooks receive, on each database: what is older than the retention goes, in batches;
/// everything newer, consent and the audit log stay.
/// </summary>
public abstract class WebhookRetentionTests(TestDatabase database) : IAsyncLifetime
{
    private static readonly DateTime Now = new(2026, 11, 23, 8, 0, 0, DateTimeKind.Utc);

    private readonly ServiceProvider _services = Services(database);
    private readonly TestDatabase _database = database;
    private WebhookRows _webhooks = null!;

    public async ValueTask InitializeAsync() => _webhooks = await WebhookRows.CreateAsync(_database);

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await _database.DisposeAsync();
    }

    private static ServiceProvider Services(TestDatabase database)
    {
        var services = new ServiceCollection();
        services.AddScoped(_ => database.CreateContext());
        return services.BuildServiceProvider();
    }

    private WebhookRetention Retention(int days = 90, int batchSize = 1000) => new(
        _services.GetRequiredService<IServiceScopeFactory>(), new FakeTimeProvider(Now),
        Options.Create(new RetentionOptions { Days = days, BatchSize = batchSize }), NullLogger<WebhookRetention>.Instance);

    /// <summary>Rows received <paramref name="daysAgo"/> days before now, in arrival order (as the writer stores them).</summary>
    private async Task ReceiveAsync(string tag, double daysAgo, int count = 1, PendingReplyState? reply = null)
    {
        await using var db = _database.CreateContext();
        var at = Now.AddDays(-daysAgo);
        for (var i = 0; i < count; i++)
        {
            var key = $"{tag}-{i}";
            var message = new InboundMessage
            {
                SandboxId = TestDatabase.Prod,
                WebhookId = _webhooks.Inbound.Id,
                EventKey = key,
                ProfileNumber = "+442079460018",
                InboundNumber = WebhookRows.SenderNumber,
                Body = "hello",
                ReceivedAtUtc = at,
            };
            db.InboundMessages.Add(message);
            if (reply is { } state)
            {
                db.Set<PendingReply>().Add(new PendingReply
                {
                    SandboxId = TestDatabase.Prod,
                    WebhookId = _webhooks.Inbound.Id,
                    InboundMessage = message,
                    FromNumber = WebhookRows.SenderNumber,
                    ToNumber = "+442079460018",
                    Message = "reply",
                    State = state,
                    NextAttemptAtUtc = at,
                    CreatedAtUtc = at,
                    Version = 1,
                });
            }

            db.DeliveryFeedback.Add(new DeliveryFeedback
            {
                SandboxId = TestDatabase.Prod,
                WebhookId = _webhooks.Feedback.Id,
                EventKey = key,
                ClientReference = key,
                Status = "delivered",
                ReceivedAtUtc = at,
            });
            db.MessageDeliveryStatuses.Add(new MessageDeliveryStatus
            {
                SandboxId = TestDatabase.Prod,
                WebhookId = _webhooks.Feedback.Id,
                ClientReference = key,
                Status = "delivered",
                Rank = DeliveryStatusRank.Of("delivered"),
                UpdatedAtUtc = at,
            });
            await db.SaveChangesAsync();
        }
    }

    private async Task<(List<string> Messages, List<string> Receipts, List<string> Statuses)> KeptAsync()
    {
        await using var db = _database.CreateContext();
        return (await db.InboundMessages.OrderBy(m => m.Id).Select(m => m.EventKey).ToListAsync(),
            await db.DeliveryFeedback.OrderBy(f => f.Id).Select(f => f.EventKey).ToListAsync(),
            await db.MessageDeliveryStatuses.OrderBy(s => s.Id).Select(s => s.ClientReference).ToListAsync());
    }

    [Fact]
    public async Task What_is_older_than_the_retention_is_deleted_in_batches_and_the_rest_is_kept()
    {
        await ReceiveAsync("old", daysAgo: 120, count: 7);
        await ReceiveAsync("edge", daysAgo: 90.01);
        await ReceiveAsync("recent", daysAgo: 89.99, count: 2);
        await using (var db = _database.CreateContext())
        {
            db.ConsentRecords.Add(new ConsentRecord
            {
                SandboxId = TestDatabase.Prod,
                SenderNumber = WebhookRows.SenderNumber,
                ProfileNumber = "+442079460018",
                State = ConsentState.OptedOut,
                ChangedBy = "SMS",
                ChangedAtUtc = Now.AddDays(-400),
                Version = 1,
            });
            db.AuditEntries.Add(new AuditEntry
            {
                OccurredAtUtc = Now.AddDays(-400),
                UserId = "u1",
                UserName = "alice@example.com",
                ObjectType = "Webhook",
                ObjectId = "1",
                ObjectName = "Inbound",
                Action = "Created",
                ChangesJson = "[]",
            });
            await db.SaveChangesAsync();
        }

        // Batches of 3: 8 old rows take three deletes per table.
        var counts = await Retention(days: 90, batchSize: 3).PruneAsync(CancellationToken.None);

        Assert.Equal(new PruneCounts(8, 8, 8), counts);
        var (messages, receipts, statuses) = await KeptAsync();
        string[] recent = ["recent-0", "recent-1"];
        Assert.Equal(recent, messages);
        Assert.Equal(recent, receipts);
        Assert.Equal(recent, statuses);
        await using var check = _database.CreateContext();
        Assert.Equal(1, await check.ConsentRecords.CountAsync());
        Assert.Equal(1, await check.AuditEntries.CountAsync());

        // A second round (another instance's, or the next one) finds nothing to do.
        Assert.Equal(new PruneCounts(0, 0, 0), await Retention(batchSize: 3).PruneAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_message_whose_reply_is_still_being_sent_is_kept_until_the_reply_is_done()
    {
        await ReceiveAsync("sent", daysAgo: 100, reply: PendingReplyState.Sent);
        await ReceiveAsync("pending", daysAgo: 100, reply: PendingReplyState.Pending);
        await ReceiveAsync("failed", daysAgo: 100, reply: PendingReplyState.Failed);

        var counts = await Retention(batchSize: 2).PruneAsync(CancellationToken.None);

        Assert.Equal(2, counts.InboundMessages);
        Assert.Equal(["pending-0"], (await KeptAsync()).Messages);
        await using var db = _database.CreateContext();
        Assert.Equal([PendingReplyState.Pending], await db.Set<PendingReply>().Select(r => r.State).ToListAsync());

        await db.Set<PendingReply>().ExecuteUpdateAsync(s => s.SetProperty(r => r.State, PendingReplyState.Sent));
        Assert.Equal(1, (await Retention().PruneAsync(CancellationToken.None)).InboundMessages);
        Assert.Empty((await KeptAsync()).Messages);
        Assert.Equal(0, await db.Set<PendingReply>().CountAsync());
    }

    [Fact]
    public async Task A_status_is_kept_while_its_message_still_gets_receipts()
    {
        await ReceiveAsync("busy", daysAgo: 200);
        await using (var db = _database.CreateContext())
        {
            // A late receipt moved the status a day ago: the status is young again, its first receipt is not.
            await db.MessageDeliveryStatuses.ExecuteUpdateAsync(s => s.SetProperty(x => x.UpdatedAtUtc, Now.AddDays(-1)));
        }

        var counts = await Retention().PruneAsync(CancellationToken.None);

        Assert.Equal(new PruneCounts(1, 1, 0), counts);
        Assert.Equal(["busy-0"], (await KeptAsync()).Statuses);
    }

    [Fact]
    public async Task The_service_prunes_at_start_and_again_after_each_interval()
    {
        await ReceiveAsync("old", daysAgo: 100);
        await ReceiveAsync("almost", daysAgo: 89.99);
        var time = new FakeTimeProvider(Now);
        using var retention = new WebhookRetention(_services.GetRequiredService<IServiceScopeFactory>(), time,
            Options.Create(new RetentionOptions { IntervalMinutes = 60 }), NullLogger<WebhookRetention>.Instance);

        await retention.StartAsync(CancellationToken.None);
        try
        {
            // At start: the old rows go, the almost old stay.
            string[] almost = ["almost-0"];
            await EventuallyAsync(async () => await KeptAsync() is var (m, r, s) && m.SequenceEqual(almost) && r.SequenceEqual(almost)
                && s.SequenceEqual(almost), () => { });

            // An hour later (the clock moved on by the interval) they are old too, and the next round takes them.
            await EventuallyAsync(async () => await KeptAsync() is var (m, r, s) && m.Count + r.Count + s.Count == 0,
                () => time.Advance(TimeSpan.FromMinutes(60)));
        }
        finally
        {
            await retention.StopAsync(CancellationToken.None);
        }
    }

    /// <summary>Polls <paramref name="done"/> (doing <paramref name="step"/> before each look) for up to 20 s of real time.</summary>
    private static async Task EventuallyAsync(Func<Task<bool>> done, Action step)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            step();
            if (await done())
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, "The retention service did not prune within 20 s.");
            await Task.Delay(50);
        }
    }

    public sealed class OnSqlite() : WebhookRetentionTests(new SqliteDatabase());

    public sealed class OnPostgreSql(PostgreSqlCluster cluster) : WebhookRetentionTests(new PostgreSqlDatabase(cluster));
}

/// <summary>The retention's settings are checked when the portal starts.</summary>
public sealed class RetentionOptionsTests
{
    [Theory]
    [InlineData("Days", "0")]
    [InlineData("Days", "36501")]
    [InlineData("BatchSize", "0")]
    [InlineData("IntervalMinutes", "0")]
    public void An_out_of_range_setting_is_refused(string key, string value)
    {
        using var provider = Provider(new() { [$"Retention:{key}"] = value });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<RetentionOptions>>().Value);

        Assert.Contains($"Retention:{key}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void By_default_ninety_days_are_kept()
    {
        using var provider = Provider([]);

        var options = provider.GetRequiredService<IOptions<RetentionOptions>>().Value;

        Assert.Equal((true, 90, 1000, 60), (options.Enabled, options.Days, options.BatchSize, options.IntervalMinutes));
    }

    private static ServiceProvider Provider(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddWebhookIngestion();
        return services.BuildServiceProvider();
    }
}
