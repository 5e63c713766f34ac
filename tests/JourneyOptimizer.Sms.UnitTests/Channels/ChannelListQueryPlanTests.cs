using System.Data.Common;
using JourneyOptimizer.Sms.Core.Channels;
using JourneyOptimizer.Sms.Core.Data;
using JourneyOptimizer.Sms.UnitTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace JourneyOptimizer.Sms.UnitTests.Channels;

/// <summary>
/// The channel configurations list is two compiled queries whose filters are nullable parameters. For every combination
/// of filters and cursor, the SQL that reaches SQLite names only the filters in use (EF drops "parameter IS NULL"
/// conditions for null parameters) and its plan seeks an index in name order: no scan, no sort of the sandbox's rows.
/// </summary>
public sealed class ChannelListQueryPlanTests : IAsyncLifetime
{
    private readonly SqliteDatabase _database = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _database.DisposeAsync();

    public static TheoryData<ChannelConfigurationStatus?, SmsType?, bool, string> Combinations()
    {
        var data = new TheoryData<ChannelConfigurationStatus?, SmsType?, bool, string>();
        foreach (var status in new ChannelConfigurationStatus?[] { null, ChannelConfigurationStatus.Active })
        {
            foreach (var type in new SmsType?[] { null, SmsType.Marketing })
            {
                foreach (var search in new[] { false, true })
                {
                    foreach (var cursor in new[] { "first", "after", "before" })
                    {
                        data.Add(status, type, search, cursor);
                    }
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Combinations))]
    public async Task The_list_sends_only_the_filters_in_use_and_seeks_an_index(ChannelConfigurationStatus? status, SmsType? type,
        bool search, string cursor)
    {
        var recorder = new Recorder();
        var options = new DbContextOptionsBuilder<SmsDbContext>(_database.Options).AddInterceptors(recorder).Options;
        await using var db = new SmsDbContext(options);
        var (prefix, upper) = search ? ("alerts", "alerts\U0010FFFF") : ((string?)null, (string?)null);
        var query = cursor == "before"
            ? ChannelConfigurationQueries.ListBefore(db, SqliteDatabase.Prod, status, type, prefix, upper, "m", 51)
            : ChannelConfigurationQueries.ListAfter(db, SqliteDatabase.Prod, status, type, prefix, upper, cursor == "after" ? "m" : null, 51);
        await foreach (var _ in query.WithCancellation(TestContext.Current.CancellationToken))
        {
        }

        var sql = Assert.Single(recorder.Commands);
        Assert.DoesNotContain("IS NULL", sql.Text, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(status is not null, sql.Text.Contains("\"Status\" =", StringComparison.Ordinal));
        Assert.Equal(type is not null, sql.Text.Contains("\"SmsType\" =", StringComparison.Ordinal));
        Assert.Equal(search, sql.Text.Contains(">=", StringComparison.Ordinal));

        // One SELECT: the credential names are joined in the same statement as the LIMIT, not to a subquery of the page
        // (which SQLite ran as a co-routine and sorted again: 1.6x the time).
        Assert.True(CountOf("SELECT", sql.Text) == 1, sql.Text);
        Assert.Equal(1, CountOf("LIMIT", sql.Text));

        AssertSeeksAnIndexInNameOrder(await PlanAsync(db, sql));
    }

    /// <summary>
    /// The table is searched in name order through one of its (SandboxId, ...) indexes, each credential by its key: no
    /// scan, no co-routine, no sort.
    /// </summary>
    private static void AssertSeeksAnIndexInNameOrder(IReadOnlyList<string> plan)
    {
        Assert.NotEmpty(plan);
        Assert.DoesNotContain(plan, step => step.StartsWith("SCAN", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, step => step.Contains("CO-ROUTINE", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, step => step.Contains("TEMP B-TREE", StringComparison.Ordinal));
        Assert.Contains(plan, step => step.StartsWith("SEARCH c USING INDEX IX_ChannelConfigurations_SandboxId_", StringComparison.Ordinal));
        Assert.Contains(plan, step => step.StartsWith("SEARCH a USING INTEGER PRIMARY KEY", StringComparison.Ordinal));
    }

    private static int CountOf(string word, string sql) => sql.Split(word, StringSplitOptions.None).Length - 1;

    private sealed record Command(string Text, IReadOnlyList<(string Name, object? Value)> Parameters);

    private sealed class Recorder : DbCommandInterceptor
    {
        public List<Command> Commands { get; } = [];

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Commands.Add(new Command(command.CommandText,
                [.. command.Parameters.Cast<DbParameter>().Select(p => (p.ParameterName, (object?)p.Value))]));
            return ValueTask.FromResult(result);
        }
    }

    /// <summary>SQLite's plan for the recorded command, with its parameters bound.</summary>
    private static async Task<IReadOnlyList<string>> PlanAsync(SmsDbContext db, Command recorded)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = recorded.Text;
        foreach (var (name, value) in recorded.Parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }

        return await QueryPlan.OfAsync(command);
    }
}
