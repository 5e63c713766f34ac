using System.Data.Common;
using JourneyOptimizer.Sms.Core.Webhooks;
using JourneyOptimizer.Sms.Core.Webhooks.Ingestion;
using JourneyOptimizer.Sms.UnitTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace JourneyOptimizer.Sms.UnitTests.Webhooks.Ingestion;

/// <summary>
/// The webhook writer's per-batch lookups, and the receipts of one message, are index seeks in SQLite's own query plan
/// (<c>EXPLAIN QUERY PLAN</c> on the migrated schema). Without the leading column of the unique index (the webhook,
/// the sandbox) each batch scanned the whole table: the writer slowed down as receipts accumulated (3,100 signed
/// callbacks/s instead of 13,000 with 200,000 rows; docs/performance.md).
/// </summary>
public sealed class IngestionQueryPlanTests : IAsyncLifetime
{
    private readonly SqliteDatabase _database = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Stored_receipt_keys_are_looked_up_by_webhook_and_key()
    {
        var plan = await PlanAsync(IngestionWriter.StoredFeedbackSql + "(@p0, @p1, @p2)", ("@scope", 1), ("@p0", "a"), ("@p1", "b"), ("@p2", "c"));

        AssertSeeks(plan, "IX_DeliveryFeedback_WebhookId_EventKey");
    }

    [Fact]
    public async Task Current_statuses_are_looked_up_by_sandbox_and_message()
    {
        var plan = await PlanAsync(IngestionWriter.CurrentStatusesSql + "(@p0, @p1)", ("@scope", 1), ("@p0", "SM1"), ("@p1", "SM2"));

        AssertSeeks(plan, "IX_MessageDeliveryStatuses_SandboxId_ClientReference");
    }

    [Fact]
    public async Task Stored_inbound_messages_are_looked_up_by_webhook_and_key()
    {
        await using var db = _database.CreateContext();
        await using var command = IngestionWriter.StoredInbound(db, 1, ["a", "b", "c"]).CreateDbCommand();

        var plan = await QueryPlan.OfAsync(command);

        AssertSeeks(plan, "IX_InboundMessages_WebhookId_EventKey");
    }

    [Fact]
    public async Task The_receipts_of_one_message_are_looked_up_by_sandbox_and_message()
    {
        await using var db = _database.CreateContext();
        await using var command = WebhookService.FeedbackEventsQuery(db, 1, "SM1").CreateDbCommand();

        var plan = await QueryPlan.OfAsync(command);

        AssertSeeks(plan, "IX_DeliveryFeedback_SandboxId_ClientReference");
    }

    /// <summary>No step scans a table, and one seeks the index (EF aliases the table, so the step names the index only).</summary>
    private static void AssertSeeks(IReadOnlyList<string> plan, string index)
    {
        Assert.NotEmpty(plan);
        Assert.DoesNotContain(plan, step => step.StartsWith("SCAN", StringComparison.Ordinal));
        Assert.Contains(plan, step => step.StartsWith("SEARCH ", StringComparison.Ordinal) && step.Contains($"INDEX {index} (", StringComparison.Ordinal));
    }

    private async Task<IReadOnlyList<string>> PlanAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var db = _database.CreateContext();
        var connection = db.Database.GetDbConnection();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        return await QueryPlan.OfAsync(command);
    }
}
