using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace JourneyOptimizer.Sms.Core.Common;

/// <summary>
/// A message kept in one text column to be translated when it is shown (a credential's last failure reason, an audit
/// entry's reason): its English localization key and the arguments of its placeholders. A message without arguments is
/// stored as the bare key, as every such column held before arguments were kept, so old rows read as they did; one with
/// arguments is a small JSON object, <c>{"key":"Twilio refused the request (error {0}).","args":["30001"]}</c>.
/// Arguments are stored as invariant text: they are data from the provider (codes, statuses, its message), shown as is.
/// </summary>
public sealed record StoredMessage(string Key, IReadOnlyList<string> Arguments)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        // Kept as typed (a reason in Chinese stays short and readable in the column); the page HTML-encodes what it shows.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The message as stored, at most <paramref name="maxLength"/> characters: the longest argument is
    /// shortened (with an ellipsis) until it fits, and the bare key is stored when even that cannot fit.</summary>
    public static string Encode(string key, IReadOnlyList<object?> arguments, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(arguments);
        if (arguments.Count == 0)
        {
            return Cut(key, maxLength);
        }

        var args = arguments.Select(a => Convert.ToString(a, CultureInfo.InvariantCulture) ?? "").ToArray();
        while (true)
        {
            var json = JsonSerializer.Serialize(new Document(key, args), Json);
            if (json.Length <= maxLength)
            {
                return json;
            }

            var longest = Array.IndexOf(args, args.MaxBy(a => a.Length));
            var length = args[longest].Length;
            if (length <= 2)
            {
                return Cut(key, maxLength);
            }

            // One character less per character over; escapes (quotes, emoji) take more room, so at most halve per step.
            var keep = length - (json.Length - maxLength) - 1;
            args[longest] = Cut(args[longest], keep >= 1 ? keep : length / 2) + "…";
        }
    }

    /// <inheritdoc cref="Encode(string, IReadOnlyList{object?}, int)"/>
    public static string Encode(FieldError error, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(error);
        return Encode(error.Message, error.Arguments, maxLength);
    }

    /// <summary>Reads a stored message: a JSON object written by <see cref="Encode(string, IReadOnlyList{object?}, int)"/>,
    /// else the text itself as the key (a bare key, or a row written before arguments were kept).</summary>
    public static StoredMessage Decode(string stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        if (stored.StartsWith("{\"key\":", StringComparison.Ordinal))
        {
            try
            {
                if (JsonSerializer.Deserialize<Document>(stored, Json) is { Key.Length: > 0 } document)
                {
                    return new StoredMessage(document.Key, document.Args ?? []);
                }
            }
            catch (JsonException)
            {
                // Not one of ours after all: shown as the text it is.
            }
        }

        return new StoredMessage(stored, []);
    }

    /// <summary>Cuts to at most <paramref name="max"/> characters without splitting a surrogate pair.</summary>
    private static string Cut(string value, int max)
    {
        if (value.Length <= max)
        {
            return value;
        }

        var length = max > 0 && char.IsHighSurrogate(value[max - 1]) ? max - 1 : max;
        return value[..length];
    }

    private sealed record Document(
        [property: JsonPropertyName("key")] string Key,
        [property: JsonPropertyName("args")] string[]? Args);
}
