using System.Text.RegularExpressions;

namespace JourneyOptimizer.Sms.Core.Common;

/// <summary>Twilio-style resource identifiers: a two-letter prefix followed by 32 hexadecimal characters.</summary>
public static partial class Sid
{
    public const int Length = 34;

    [GeneratedRegex("^[A-Za-z]{2}[0-9a-fA-F]{32}$", RegexOptions.CultureInvariant)]
    private static partial Regex SidPattern();

    [GeneratedRegex("^[0-9a-fA-F]{32}$", RegexOptions.CultureInvariant)]
    private static partial Regex Hex32Pattern();

    public static bool HasPrefix(string? value, string prefix) =>
        value is not null && value.Length >= 2 && value.StartsWith(prefix, StringComparison.OrdinalIgnoreCase);

    /// <summary>True when <paramref name="value"/> is the prefix (any case) followed by 32 hex characters.</summary>
    public static bool IsValid(string? value, string prefix) =>
        value is not null && HasPrefix(value, prefix) && SidPattern().IsMatch(value);

    public static bool IsHex32(string? value) => value is not null && Hex32Pattern().IsMatch(value);

    /// <summary>The stored form: upper-case prefix followed by lower-case hex.</summary>
    public static string Normalize(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var trimmed = value.Trim();
        return string.Concat(trimmed[..2].ToUpperInvariant(), trimmed[2..].ToLowerInvariant());
    }
}
