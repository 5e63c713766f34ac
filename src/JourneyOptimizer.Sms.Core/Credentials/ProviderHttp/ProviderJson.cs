using System.Globalization;
using System.Text.Json;

namespace JourneyOptimizer.Sms.Core.Credentials.ProviderHttp;

/// <summary>
/// Reads providers' JSON (answers and webhook bodies) without ever throwing on what a provider or a stranger can send:
/// invalid UTF-8, lone surrogates in escapes, numbers out of range and values of the wrong kind all read as "not
/// valid" instead.
/// </summary>
internal static class ProviderJson
{
    /// <summary>The largest body that is parsed; webhook bodies and answers of these APIs are a few kilobytes.</summary>
    public const int MaxBodyBytes = 1024 * 1024;

    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 32, AllowTrailingCommas = false };

    /// <summary>The document, or null when the bytes are not one JSON value (or too large).</summary>
    public static JsonDocument? TryParse(ReadOnlyMemory<byte> body)
    {
        if (body.Length is 0 or > MaxBodyBytes)
        {
            return null;
        }

        try
        {
            return JsonDocument.Parse(body, Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// An optional string property: absent or null gives true and a null value; a string gives true and its value;
    /// anything else (a number, an object, an escape that is not valid UTF-16) gives false.
    /// </summary>
    public static bool TryGetOptionalString(JsonElement element, string name, out string? value)
    {
        value = null;
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out var property)
            || property.ValueKind == JsonValueKind.Null)
        {
            return element.ValueKind == JsonValueKind.Object;
        }

        return TryGetString(property, out value);
    }

    /// <summary>A required, non-blank string property.</summary>
    public static bool TryGetRequiredString(JsonElement element, string name, out string value)
    {
        value = "";
        if (!TryGetOptionalString(element, name, out var found) || string.IsNullOrWhiteSpace(found))
        {
            return false;
        }

        value = found;
        return true;
    }

    /// <summary>The element's string value; false for other kinds and for text that is not valid UTF-16 (a lone surrogate).</summary>
    public static bool TryGetString(JsonElement element, out string? value)
    {
        value = null;
        if (element.ValueKind != JsonValueKind.String)
        {
            return false;
        }

        try
        {
            value = element.GetString();
        }
        catch (InvalidOperationException)
        {
            return false;   // "\ud800" alone cannot become a .NET string that is valid text
        }

        return value is not null && IsValidUtf16(value);
    }

    /// <summary>An optional whole number that fits an <see cref="int"/>; absent or null gives a null value.</summary>
    public static bool TryGetOptionalInt(JsonElement element, string name, out int? value)
    {
        value = null;
        if (element.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        if (!element.TryGetProperty(name, out var property) || property.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (property.ValueKind == JsonValueKind.Number && property.TryGetInt32(out var number))
        {
            value = number;
            return true;
        }

        return false;
    }

    /// <summary>An optional boolean; absent or null gives a null value.</summary>
    public static bool TryGetOptionalBool(JsonElement element, string name, out bool? value)
    {
        value = null;
        if (element.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        if (!element.TryGetProperty(name, out var property) || property.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (property.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            value = property.GetBoolean();
            return true;
        }

        return false;
    }

    /// <summary>
    /// An optional ISO-8601 timestamp. Infobip writes the offset without a colon (<c>+0000</c>), which the framework's
    /// parser refuses, so a colon is put in first.
    /// </summary>
    public static bool TryGetOptionalTimestamp(JsonElement element, string name, out DateTimeOffset? value)
    {
        value = null;
        if (!TryGetOptionalString(element, name, out var text))
        {
            return false;
        }

        if (text is null)
        {
            return true;
        }

        if (TryParseTimestamp(text, out var parsed))
        {
            value = parsed;
            return true;
        }

        return false;
    }

    public static bool TryParseTimestamp(string text, out DateTimeOffset value)
    {
        ArgumentNullException.ThrowIfNull(text);
        var candidate = text.Trim();
        if (candidate.Length is < 10 or > 40 || !char.IsAsciiDigit(candidate[0]))
        {
            value = default;
            return false;
        }

        var n = candidate.Length;
        if (n > 5 && candidate[n - 5] is '+' or '-' && candidate.AsSpan(n - 4).IndexOfAnyExceptInRange('0', '9') < 0
            && candidate.IndexOf('T', StringComparison.Ordinal) > 0)
        {
            candidate = string.Concat(candidate.AsSpan(0, n - 2), ":", candidate.AsSpan(n - 2));
        }

        return DateTimeOffset.TryParse(candidate, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out value);
    }

    /// <summary>True when every surrogate in <paramref name="value"/> is part of a pair (so it can be written as UTF-8).</summary>
    public static bool IsValidUtf16(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c))
            {
                if (i + 1 >= value.Length || !char.IsLowSurrogate(value[i + 1]))
                {
                    return false;
                }

                i++;
            }
            else if (char.IsLowSurrogate(c))
            {
                return false;
            }
        }

        return true;
    }
}
