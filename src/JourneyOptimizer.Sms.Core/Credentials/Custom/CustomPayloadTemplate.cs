using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace JourneyOptimizer.Sms.Core.Credentials.Custom;

/// <summary>
/// The Provider Payload: a JSON document whose strings may hold <c>{{fromNumber}}</c>, <c>{{toNumber}}</c> and
/// <c>{{message}}</c>. Rendering rewrites the document token by token, so the values are always JSON-escaped and the
/// result is always valid JSON, whatever the message holds (quotes, backslashes, line breaks, emoji, <c>&lt;/script&gt;</c>).
/// Placeholders are recognised in string values and property names; anything else in the document is kept as is
/// (numbers keep their exact text, whitespace between tokens is dropped).
/// </summary>
public static class CustomPayloadTemplate
{
    public const string FromNumber = "{{fromNumber}}";
    public const string ToNumber = "{{toNumber}}";
    public const string Message = "{{message}}";
    public const string AuthOptionProperty = "authOption";

    internal static readonly JsonDocumentOptions ParseOptions = new() { MaxDepth = 64 };

    /// <summary>True when <paramref name="template"/> parses as JSON (placeholders therefore inside strings).</summary>
    public static bool IsValidJson(string template)
    {
        ArgumentNullException.ThrowIfNull(template);
        try
        {
            using var document = JsonDocument.Parse(template, ParseOptions);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>True when some object in the document (at any depth) has a property named <paramref name="name"/>.</summary>
    public static bool HasProperty(string template, string name)
    {
        ArgumentNullException.ThrowIfNull(template);
        try
        {
            using var document = JsonDocument.Parse(template, ParseOptions);
            return HasProperty(document.RootElement, name);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>
    /// The request body: <paramref name="template"/> with the placeholders replaced, encoded in
    /// <paramref name="encoding"/>. With UTF-8 only what JSON requires is escaped; with any other character set every
    /// non-ASCII character is written as a <c>\uXXXX</c> escape so that nothing is lost.
    /// </summary>
    public static byte[] Render(string template, string fromNumber, string toNumber, string message, Encoding encoding)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(fromNumber);
        ArgumentNullException.ThrowIfNull(toNumber);
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(encoding);

        var utf8 = encoding.CodePage == Encoding.UTF8.CodePage;
        var buffer = new ArrayBufferWriter<byte>(template.Length + message.Length + 64);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions
        {
            Encoder = utf8 ? JavaScriptEncoder.UnsafeRelaxedJsonEscaping : JavaScriptEncoder.Default,
            SkipValidation = false,
        }))
        {
            var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(template), new JsonReaderOptions { MaxDepth = ParseOptions.MaxDepth });
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject: writer.WriteStartObject(); break;
                    case JsonTokenType.EndObject: writer.WriteEndObject(); break;
                    case JsonTokenType.StartArray: writer.WriteStartArray(); break;
                    case JsonTokenType.EndArray: writer.WriteEndArray(); break;
                    case JsonTokenType.PropertyName:
                        writer.WritePropertyName(Substitute(reader.GetString()!, fromNumber, toNumber, message));
                        break;
                    case JsonTokenType.String:
                        writer.WriteStringValue(Substitute(reader.GetString()!, fromNumber, toNumber, message));
                        break;
                    case JsonTokenType.Number:
                        writer.WriteRawValue(reader.ValueSpan, skipInputValidation: true);
                        break;
                    case JsonTokenType.True: writer.WriteBooleanValue(true); break;
                    case JsonTokenType.False: writer.WriteBooleanValue(false); break;
                    case JsonTokenType.Null: writer.WriteNullValue(); break;
                    default: break;
                }
            }
        }

        return utf8 ? buffer.WrittenSpan.ToArray() : encoding.GetBytes(Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    /// <summary>One pass from left to right, so a value that itself looks like a placeholder is never replaced again.</summary>
    private static string Substitute(string text, string fromNumber, string toNumber, string message)
    {
        var start = text.IndexOf("{{", StringComparison.Ordinal);
        if (start < 0)
        {
            return text;
        }

        var result = new StringBuilder(text.Length + message.Length);
        var position = 0;
        while (start >= 0)
        {
            var rest = text.AsSpan(start);
            var (placeholder, value) =
                rest.StartsWith(FromNumber, StringComparison.Ordinal) ? (FromNumber, fromNumber)
                : rest.StartsWith(ToNumber, StringComparison.Ordinal) ? (ToNumber, toNumber)
                : rest.StartsWith(Message, StringComparison.Ordinal) ? (Message, message)
                : ((string?)null, (string?)null);
            if (placeholder is null)
            {
                start = text.IndexOf("{{", start + 1, StringComparison.Ordinal);
                continue;
            }

            result.Append(text, position, start - position).Append(value);
            position = start + placeholder.Length;
            start = text.IndexOf("{{", position, StringComparison.Ordinal);
        }

        return result.Append(text, position, text.Length - position).ToString();
    }

    private static bool HasProperty(JsonElement element, string name)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (property.NameEquals(name) || HasProperty(property.Value, name))
                    {
                        return true;
                    }
                }

                return false;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    if (HasProperty(item, name))
                    {
                        return true;
                    }
                }

                return false;
            default:
                return false;
        }
    }
}
