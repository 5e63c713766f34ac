using System.Data.Common;
using JourneyOptimizer.Sms.Core.Audit;
using JourneyOptimizer.Sms.Core.Data;
using JourneyOptimizer.Sms.Core.Webhooks;
using JourneyOptimizer.Sms.Testing;
using JourneyOptimizer.Sms.UnitTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;

namespace JourneyOptimizer.Sms.UnitTests.Webhooks;

/// <summary>
/// The activity lists (inbound messages, delivery statuses) are read newest first on (time, id), a page at a time
/// (decision 0001). With a million stored events a page must be a walk down an index in that order, never a sort of the
/// sandbox's rows: each database's own plan for each page (first, older, newer) shows it, on the migrated schema.
/// </summary>
public abstract class ActivityListQueryPlanTests(TestDatabase database) : IAsyncLifetime
{
    protected TestDatabase Database { get; } = database;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await Database.DisposeAsync();

    public static TheoryData<string, string> Pages() => new()
    {
        { "inbound", "first" }, { "inbound", "older" }, { "inbound", "newer" }, { "inbound", "search" },
        { "statuses", "first" }, { "statuses", "older" }, { "statuses", "newer" },
    };

    /// <summary>The plan of the page's one statement, as the database reports it (one line per step).</summary>
    protected abstract Task<IReadOnlyList<string>> PlanAsync(SmsDbContext db, RecordedCommand command);

    /// <summary>Asserts that the plan reads <paramref name="index"/> in order and sorts nothing.</summary>
    protected abstract void AssertWalksIndexInOrder(IReadOnlyList<string> plan, string index);

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task A_page_walks_an_index_in_list_order(string list, string page)
    {
        var recorder = new Recorder();
        await using var db = new SmsDbContext(new DbContextOptionsBuilder<SmsDbContext>(Database.Options).AddInterceptors(recorder).Options);
        var service = new WebhookService(db, new AuditLog(db, TimeProvider.System), TimeProvider.System, new WebhookInputValidator(TestVendors.Facts),
            TestVendors.Facts, NullLogger<WebhookService>.Instance, []);
        var cursor = page switch
        {
            "older" => ActivityPaging.Encode(true, new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc), 1000),
            "newer" => ActivityPaging.Encode(false, new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc), 1000),
            _ => null,
        };
        var search = page == "search" ? "+44" : null;

        if (list == "inbound")
        {
            await service.InboundMessagesAsync(TestDatabase.Prod, search, cursor, ActivityPaging.DefaultPageSize, CancellationToken.None);
        }
        else
        {
            await service.DeliveryStatusesAsync(TestDatabase.Prod, search, cursor, ActivityPaging.DefaultPageSize, CancellationToken.None);
        }

        var plan = await PlanAsync(db, Assert.Single(recorder.Commands));

        AssertWalksIndexInOrder(plan, list == "inbound" ? "IX_InboundMessages_SandboxId_ReceivedAtUtc_Id" : "IX_MessageDeliveryStatuses_SandboxId_UpdatedAtUtc");
    }

    protected static DbCommand Bind(DbConnection connection, RecordedCommand recorded, string prefix)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(recorded);
        var command = connection.CreateCommand();
        command.CommandText = prefix + recorded.Text;
        foreach (var (name, value) in recorded.Parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }

        return command;
    }

    public sealed record RecordedCommand(string Text, IReadOnlyList<(string Name, object? Value)> Parameters);

    private sealed class Recorder : DbCommandInterceptor
    {
        public List<RecordedCommand> Commands { get; } = [];

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Commands.Add(new RecordedCommand(command.CommandText,
                [.. command.Parameters.Cast<DbParameter>().Select(p => (p.ParameterName, (object?)p.Value))]));
            return ValueTask.FromResult(result);
        }
    }

    /// <summary>SQLite: <c>EXPLAIN QUERY PLAN</c> searches the index and builds no temporary B-tree (SQLite's sort).</summary>
    public sealed class OnSqlite() : ActivityListQueryPlanTests(new SqliteDatabase())
    {
        protected override async Task<IReadOnlyList<string>> PlanAsync(SmsDbContext db, RecordedCommand command)
        {
            await using var bound = Bind(db.Database.GetDbConnection(), command, "");
            return await QueryPlan.OfAsync(bound);
        }

        protected override void AssertWalksIndexInOrder(IReadOnlyList<string> plan, string index)
        {
            Assert.DoesNotContain(plan, step => step.StartsWith("SCAN", StringComparison.Ordinal));
            Assert.DoesNotContain(plan, step => step.Contains("TEMP B-TREE", StringComparison.Ordinal));
            Assert.Contains(plan, step => step.StartsWith("SEARCH", StringComparison.Ordinal) && step.Contains($"INDEX {index} (", StringComparison.Ordinal));
        }
    }

    /// <summary>
    /// PostgreSQL: with sequential scans and sorts priced out (a tiny table would otherwise be read whole and sorted),
    /// the plan scans the index and has no Sort step; an ordered index path must exist for that. The statuses' index
    /// (SandboxId, UpdatedAtUtc) does not hold the id: PostgreSQL reads it in time order and sorts each run of equal
    /// times by id as it goes (an Incremental Sort presorted on the time), which reads no more rows than the page needs.
    /// </summary>
    public sealed class OnPostgreSql(PostgreSqlCluster cluster) : ActivityListQueryPlanTests(new PostgreSqlDatabase(cluster))
    {
        protected override async Task<IReadOnlyList<string>> PlanAsync(SmsDbContext db, RecordedCommand command)
        {
            var connection = db.Database.GetDbConnection();
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            await using (var settings = connection.CreateCommand())
            {
                settings.CommandText = "SET enable_seqscan = off; SET enable_sort = off;";
                await settings.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
            }

            await using var explain = Bind(connection, command, "EXPLAIN ");
            var steps = new List<string>();
            await using var reader = await explain.ExecuteReaderAsync(TestContext.Current.CancellationToken);
            while (await reader.ReadAsync(TestContext.Current.CancellationToken))
            {
                steps.Add(reader.GetString(0).Trim().TrimStart('-', '>', ' '));
            }

            return steps;
        }

        protected override void AssertWalksIndexInOrder(IReadOnlyList<string> plan, string index)
        {
            Assert.DoesNotContain(plan, step => step.StartsWith("Seq Scan", StringComparison.Ordinal));
            Assert.DoesNotContain(plan, step => step.StartsWith("Sort  (", StringComparison.Ordinal));
            if (plan.Any(step => step.StartsWith("Incremental Sort", StringComparison.Ordinal)))
            {
                Assert.Contains(plan, step => step.StartsWith("Presorted Key: ", StringComparison.Ordinal) && step.EndsWith("UpdatedAtUtc\"", StringComparison.Ordinal));
            }

            Assert.Contains(plan, step => step.Contains($"Index Scan", StringComparison.Ordinal) && step.Contains($"using \"{index}\"", StringComparison.Ordinal));
        }
    }
}
