using System.Text;
using System.Text.Json;

namespace JourneyOptimizer.Sms.Core.Common;

/// <summary>
/// Whether the strings of a JSON text are Unicode. System.Text.Json parses an escaped lone surrogate (<c>"\ud800"</c>)
/// as valid JSON, but cannot turn it into a .NET string: reading it throws. I-JSON (RFC 7493) forbids such strings, so
/// the portal refuses them where JSON comes in (webhook bodies, the payload editor's sample, a Custom credential's
/// JSON fields) with a clear message, instead of failing later while reading a value.
/// </summary>
public static class JsonStrings
{
    /// <summary>
    /// True when every string value and property name decodes to well-formed UTF-16. Text that is not valid JSON is not
    /// judged here (true): the caller's parser says why it is not JSON.
    /// </summary>
    public static bool AreUnicode(ReadOnlySpan<byte> utf8Json, int maxDepth = 64)
    {
        var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { MaxDepth = maxDepth });
        try
        {
            while (reader.Read())
            {
                // Only an escape can hold a lone surrogate: unescaped text is checked as UTF-8 by the reader itself.
                if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName && reader.ValueIsEscaped)
                {
                    _ = reader.GetString();
                }
            }

            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
        catch (JsonException)
        {
            return true;
        }
    }

    /// <inheritdoc cref="AreUnicode(ReadOnlySpan{byte}, int)"/>
    public static bool AreUnicode(string json, int maxDepth = 64)
    {
        ArgumentNullException.ThrowIfNull(json);
        return AreUnicode(Encoding.UTF8.GetBytes(json), maxDepth);
    }
}
