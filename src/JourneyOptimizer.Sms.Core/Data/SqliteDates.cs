using System.Globalization;
using Microsoft.Data.Sqlite;

namespace JourneyOptimizer.Sms.Core.Data;

/// <summary>
/// Reads the dates EF Core writes to SQLite (TEXT, <c>yyyy-MM-dd HH:mm:ss</c> and up to seven digits of a second) by
/// their fixed positions. <see cref="SqliteDataReader.GetDateTime"/> gives them to <see cref="DateTime.Parse(string, IFormatProvider)"/>,
/// whose general parser was a third of reading a channel list row (docs/performance.md, ninth round). Anything else
/// goes to that parser, so the result is always the same as Microsoft.Data.Sqlite's, kind included (unspecified).
/// </summary>
public static class SqliteDates
{
    /// <summary>The date in column <paramref name="ordinal"/> of the current row, as <see cref="SqliteDataReader.GetDateTime"/> reads it.</summary>
    public static DateTime Read(SqliteDataReader reader, int ordinal)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return reader.GetFieldType(ordinal) == typeof(string) ? Parse(reader.GetString(ordinal)) : reader.GetDateTime(ordinal);
    }

    /// <summary>The date in <paramref name="text"/>, exactly as <see cref="DateTime.Parse(string, IFormatProvider)"/> with the invariant culture reads it.</summary>
    public static DateTime Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParseFixed(text, out var value) ? value : DateTime.Parse(text, CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// A date stored as a Julian day number (REAL or INTEGER), as Microsoft.Data.Sqlite reads it: SQLite's own conversion
    /// (computeYMD and computeHMS in its date.c), to the millisecond, kind unspecified.
    /// </summary>
    public static DateTime FromJulianDay(double julianDay)
    {
        var iJD = (long)((julianDay * 86400000.0) + 0.5);
        var z = (int)((iJD + 43200000) / 86400000);
        var a = (int)((z - 1867216.25) / 36524.25);
        a = z + 1 + a - (a / 4);
        var b = a + 1524;
        var c = (int)((b - 122.1) / 365.25);
        var d = 36525 * (c & 32767) / 100;
        var e = (int)((b - d) / 30.6001);
        var x1 = (int)(30.6001 * e);
        var day = b - d - x1;
        var month = e < 14 ? e - 1 : e - 13;
        var year = month > 2 ? c - 4716 : c - 4715;
        var milliseconds = (iJD + 43200000) % 86400000;
        return new DateTime(year, month, day, 0, 0, 0, DateTimeKind.Unspecified).AddMilliseconds(milliseconds);
    }

    private static bool TryParseFixed(ReadOnlySpan<char> s, out DateTime value)
    {
        value = default;
        if (s.Length < 19 || s.Length == 20 || s.Length > 27 || s[4] != '-' || s[7] != '-' || s[10] != ' ' || s[13] != ':' || s[16] != ':'
            || (s.Length > 19 && s[19] != '.'))
        {
            return false;
        }

        if (!Digits(s[..4], out var year) || !Digits(s.Slice(5, 2), out var month) || !Digits(s.Slice(8, 2), out var day)
            || !Digits(s.Slice(11, 2), out var hour) || !Digits(s.Slice(14, 2), out var minute) || !Digits(s.Slice(17, 2), out var second)
            || year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        var ticks = 0;
        if (s.Length > 19)
        {
            var fraction = s[20..];
            if (!Digits(fraction, out ticks))
            {
                return false;
            }

            for (var i = fraction.Length; i < 7; i++)
            {
                ticks *= 10;
            }
        }

        value = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified).AddTicks(ticks);
        return true;
    }

    private static bool Digits(ReadOnlySpan<char> s, out int value)
    {
        value = 0;
        foreach (var c in s)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        return true;
    }
}
