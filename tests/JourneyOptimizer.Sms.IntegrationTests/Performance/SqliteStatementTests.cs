using JourneyOptimizer.Sms.Core.Data;
using Microsoft.Data.Sqlite;

namespace JourneyOptimizer.Sms.IntegrationTests.Performance;

/// <summary>
/// <see cref="SqliteStatement"/> reads a row's values through SQLite's column functions directly: each value must be
/// what Microsoft.Data.Sqlite's reader gives for the same row (texts in any script, empty and NULL, 64-bit integers,
/// dates stored as text or as Julian day numbers), and a statement runs again with other values once reset.
/// </summary>
public sealed class SqliteStatementTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "jo-sms-tests", Guid.NewGuid().ToString("N"));
    private readonly SqliteConnection connection;

    public SqliteStatementTests()
    {
        Directory.CreateDirectory(folder);
        connection = new SqliteConnection($"Data Source={Path.Combine(folder, "statement.db")};Pooling=False");
        connection.Open();
        using var create = connection.CreateCommand();
        create.CommandText = """
            CREATE TABLE "T" ("Id" INTEGER NOT NULL, "Text" TEXT NULL, "Number" INTEGER NULL, "When" NULL);
            INSERT INTO "T" VALUES
              (1, 'plain', 0, '2026-11-24 07:30:00'),
              (2, '', -1, '2026-11-24 07:30:00.1234567'),
              (3, NULL, 9223372036854775807, 2461003.8125),
              (4, '中文 名称 Ärger', -9223372036854775808, 2451545.0),
              (5, '😀 <b>&"x''y</b>', 2147483647, 2461003.123456789),
              (6, 'line
            break', NULL, '2026-02-28T23:59:59'),
              (7, 'x', 42, 1721425.5);
            """;
        create.ExecuteNonQuery();
    }

    public void Dispose()
    {
        connection.Dispose();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private const string Sql = """SELECT "Id", "Text", "Number", "When" FROM "T" WHERE "Id" >= $from ORDER BY "Id" LIMIT $take""";

    private List<string> ReadWithMicrosoftDataSqlite(long from, long take)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Sql;
        command.Parameters.AddWithValue("$from", from);
        command.Parameters.AddWithValue("$take", take);
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            rows.Add(string.Join(" | ",
                reader.GetInt32(0),
                reader.IsDBNull(1) ? "NULL" : "[" + reader.GetString(1) + "]",
                reader.IsDBNull(2) ? "NULL" : reader.GetInt64(2).ToString(System.Globalization.CultureInfo.InvariantCulture),
                SqliteDates.Read(reader, 3).ToString("O", System.Globalization.CultureInfo.InvariantCulture)));
        }

        return rows;
    }

    private static List<string> ReadWithStatement(SqliteStatement statement, long from, long take)
    {
        statement.Bind(0, from);
        statement.Bind(1, take);
        using var reader = statement.Run();
        var rows = new List<string>();
        while (reader.Read())
        {
            rows.Add(string.Join(" | ",
                reader.GetInt32(0),
                reader.GetStringOrNull(1) is { } text ? "[" + text + "]" : "NULL",
                reader.IsDBNull(2) ? "NULL" : reader.GetInt64(2).ToString(System.Globalization.CultureInfo.InvariantCulture),
                reader.GetDateTime(3).ToString("O", System.Globalization.CultureInfo.InvariantCulture)));
        }

        return rows;
    }

    [Fact]
    public void Every_value_is_what_Microsoft_Data_Sqlite_reads_and_the_statement_runs_again_with_other_values()
    {
        using var statement = new SqliteStatement(connection, Sql, ["$from", "$take"]);

        var all = ReadWithStatement(statement, 1, 100);
        Assert.Equal(ReadWithMicrosoftDataSqlite(1, 100), all);
        Assert.Equal(7, all.Count);
        Assert.Equal("4 | [中文 名称 Ärger] | -9223372036854775808 | 2000-01-01T12:00:00.0000000", all[3]);
        Assert.StartsWith("5 | [😀 <b>&\"x'y</b>] | 2147483647 | ", all[4], StringComparison.Ordinal);

        // Run again, stopped part-way, then again from another row: each run starts from its own bound values.
        statement.Bind(0, 2);
        statement.Bind(1, 100);
        using (var partial = statement.Run())
        {
            Assert.True(partial.Read());
            Assert.Equal(2, partial.GetInt32(0));
            Assert.Equal(string.Empty, partial.GetString(1));
        }

        Assert.Equal(ReadWithMicrosoftDataSqlite(3, 2), ReadWithStatement(statement, 3, 2));
    }

    [Fact]
    public void A_NULL_read_as_a_value_is_refused_and_bad_SQL_or_a_missing_parameter_is_refused_when_prepared()
    {
        using var statement = new SqliteStatement(connection, Sql, ["$from", "$take"]);
        statement.Bind(0, 3);
        statement.Bind(1, 1);
        using (var reader = statement.Run())
        {
            Assert.True(reader.Read());
            Assert.Throws<InvalidOperationException>(() => reader.GetString(1));
            Assert.Null(reader.GetStringOrNull(1));
            Assert.Throws<OverflowException>(() => reader.GetInt32(2));
            Assert.False(reader.Read());
        }

        Assert.Throws<ArgumentException>(() => new SqliteStatement(connection, Sql, ["$from", "$missing"]));
        Assert.Throws<ArgumentException>(() => new SqliteStatement(connection, Sql + "; SELECT 1", ["$from", "$take"]));
        Assert.Throws<SqliteException>(() => new SqliteStatement(connection, """SELECT "Nope" FROM "T" """, []));
    }
}
