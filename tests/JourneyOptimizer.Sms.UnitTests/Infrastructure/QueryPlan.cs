using System.Data.Common;

namespace JourneyOptimizer.Sms.UnitTests.Infrastructure;

/// <summary>SQLite's own plan for a command: what the query-plan tests assert on.</summary>
public static class QueryPlan
{
    /// <summary>The "detail" column of <c>EXPLAIN QUERY PLAN</c> for the command, with its parameters bound.</summary>
    public static async Task<IReadOnlyList<string>> OfAsync(DbCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (command.Connection!.State != System.Data.ConnectionState.Open)
        {
            await command.Connection.OpenAsync(TestContext.Current.CancellationToken);
        }

        command.CommandText = "EXPLAIN QUERY PLAN " + command.CommandText;
        var steps = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            steps.Add(reader.GetString(reader.GetOrdinal("detail")));
        }

        return steps;
    }
}
