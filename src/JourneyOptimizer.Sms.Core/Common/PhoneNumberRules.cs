using System.Text.RegularExpressions;
using PhoneNumbers;

namespace JourneyOptimizer.Sms.Core.Common;

/// <summary>Parses and normalises sender and recipient numbers (E.164 or short codes) with libphonenumber.</summary>
public static partial class PhoneNumberRules
{
    public const int MaxLength = 20;

    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    [GeneratedRegex("^[0-9]{3,8}$", RegexOptions.CultureInvariant)]
    private static partial Regex ShortCodePattern();

    [GeneratedRegex(@"^\+?[0-9 ().\-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex PhoneCharacters();

    [GeneratedRegex("^(?=.*[A-Za-z])[A-Za-z0-9 ]{1,11}$", RegexOptions.CultureInvariant)]
    private static partial Regex AlphanumericSenderPattern();

    /// <summary>A short code: 3 to 8 digits, nothing else.</summary>
    public static bool IsShortCode(string? value) => value is not null && ShortCodePattern().IsMatch(value.Trim());

    /// <summary>An alphanumeric sender ID: 1-11 letters, digits or spaces, with at least one letter.</summary>
    public static bool IsAlphanumericSender(string? value) =>
        value is not null && AlphanumericSenderPattern().IsMatch(value.Trim());

    /// <summary>
    /// Normalises an international number such as <c>+1 (415) 555-0100</c> to E.164 (<c>+14155550100</c>).
    /// Returns null when the text is not a valid number for its country.
    /// </summary>
    public static string? TryNormalizeE164(string? value)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > 40)
        {
            return null;
        }

        var trimmed = value.Trim();
        if (!trimmed.StartsWith('+') || !PhoneCharacters().IsMatch(trimmed))
        {
            return null;
        }

        try
        {
            var parsed = Util.Parse(trimmed, null);
            if (!Util.IsValidNumber(parsed))
            {
                return null;
            }

            var e164 = Util.Format(parsed, PhoneNumberFormat.E164);
            return e164.Length <= 16 ? e164 : null;
        }
        catch (NumberParseException)
        {
            return null;
        }
    }

    /// <summary>An E.164 number (normalised) or a short code (digits only); null when it is neither.</summary>
    public static string? TryNormalizeNumberOrShortCode(string? value)
    {
        if (IsShortCode(value))
        {
            return value!.Trim();
        }

        return TryNormalizeE164(value);
    }
}
