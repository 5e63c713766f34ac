using System.Globalization;
using JourneyOptimizer.Sms.Core.Data;
using Microsoft.Data.Sqlite;

namespace JourneyOptimizer.Sms.UnitTests.Data;

/// <summary>The fixed-position date reader gives what Microsoft.Data.Sqlite's <c>GetDateTime</c> gives, for any text.</summary>
public sealed class SqliteDatesTests
{
    private static void AssertSameAsParse(string text)
    {
        DateTime expected;
        try
        {
            expected = DateTime.Parse(text, CultureInfo.InvariantCulture);
        }
        catch (FormatException)
        {
            Assert.Throws<FormatException>(() => SqliteDates.Parse(text));
            return;
        }

        var actual = SqliteDates.Parse(text);
        Assert.True(expected == actual && expected.Kind == actual.Kind, $"\"{text}\": Parse {expected:O} ({expected.Kind}), fixed {actual:O} ({actual.Kind})");
    }

    [Fact]
    public void What_EF_writes_reads_the_same_for_every_fraction_length()
    {
        var random = new Random(20261124);
        for (var i = 0; i < 20000; i++)
        {
            var ticks = (long)(random.NextDouble() * DateTime.MaxValue.Ticks);
            var value = new DateTime(ticks);

            // EF Core's SQLite format, which drops trailing zeros of the fraction (and the dot when there is none).
            AssertSameAsParse(value.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture));
            AssertSameAsParse(value.ToString("yyyy-MM-dd HH:mm:ss.fffffff", CultureInfo.InvariantCulture)[..(20 + (i % 8))].TrimEnd('.'));
        }
    }

    [Theory]
    [InlineData("2026-11-24 02:30:00")]
    [InlineData("2026-11-24 02:30:00.1")]
    [InlineData("2026-11-24 02:30:00.0000001")]
    [InlineData("0001-01-01 00:00:00")]
    [InlineData("9999-12-31 23:59:59.9999999")]
    [InlineData("2024-02-29 12:00:00")]
    [InlineData("2023-02-29 12:00:00")]
    [InlineData("2026-13-01 00:00:00")]
    [InlineData("2026-11-31 00:00:00")]
    [InlineData("2026-11-24 24:00:00")]
    [InlineData("2026-11-24 23:60:00")]
    [InlineData("2026-11-24 23:59:60")]
    [InlineData("2026-11-24 02:30:00.")]
    [InlineData("2026-11-24 02:30:00.12345678")]
    [InlineData("2026-11-24 02:30:00.12a")]
    [InlineData("2026-11-24T02:30:00")]
    [InlineData("2026-11-24T02:30:00Z")]
    [InlineData("2026-11-24 02:30:00+02:00")]
    [InlineData("2026-11-24")]
    [InlineData("11/24/2026 2:30 AM")]
    [InlineData("0000-01-01 00:00:00")]
    [InlineData("２０２６-11-24 02:30:00")]
    [InlineData("not a date")]
    [InlineData("")]
    public void Any_other_text_reads_as_DateTime_Parse_reads_it(string text) => AssertSameAsParse(text);

    [Fact]
    public void Read_gives_what_GetDateTime_gives_for_text_and_julian_days()
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT '2026-11-24 02:30:00.5', 2461003.5, 2461003, '2026-11-24T02:30:00', '2026-11-24 02:30:00.1234567'
            """;
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        for (var i = 0; i < reader.FieldCount; i++)
        {
            var expected = reader.GetDateTime(i);
            var actual = SqliteDates.Read(reader, i);
            Assert.True(expected == actual && expected.Kind == actual.Kind, $"column {i}: {expected:O} vs {actual:O}");
        }
    }
}
