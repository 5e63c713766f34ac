using System.Globalization;
using System.Text.Json;

namespace JourneyOptimizer.Sms.Core.Webhooks;

/// <summary>The normalised fields a Custom provider's JSON is mapped to (PRODUCT.md section 4).</summary>
public enum NormalizedField
{
    InboundMessage = 1,
    ProfileNumber = 2,
    RequestId = 3,
    OriginTimestamp = 4,
    InboundNumber = 5,
    ClientReference = 6,
    Status = 7,
    Code = 8,
}

/// <summary>
/// Where each normalised field is found in a Custom provider's JSON body: a path of property names and array indexes,
/// such as <c>message.text</c>, <c>$.results[0].to</c> or <c>data["sender-id"]</c>. Stored as JSON on the webhook.
/// </summary>
public sealed record PayloadMapping
{
    public const int PathMaxLength = 200;

    public static IReadOnlyList<NormalizedField> InboundFields { get; } =
        [NormalizedField.InboundMessage, NormalizedField.ProfileNumber, NormalizedField.RequestId,
            NormalizedField.OriginTimestamp, NormalizedField.InboundNumber];

    public static IReadOnlyList<NormalizedField> FeedbackFields { get; } =
        [NormalizedField.ClientReference, NormalizedField.Status, NormalizedField.Code];

    /// <summary>The fields every request must carry: without them the event cannot be stored.</summary>
    public static IReadOnlyList<NormalizedField> RequiredFields(WebhookType type) => type == WebhookType.Inbound
        ? [NormalizedField.InboundMessage, NormalizedField.ProfileNumber, NormalizedField.RequestId]
        : [NormalizedField.ClientReference, NormalizedField.Status];

    public static IReadOnlyList<NormalizedField> FieldsFor(WebhookType type) =>
        type == WebhookType.Inbound ? InboundFields : FeedbackFields;

    public IReadOnlyDictionary<NormalizedField, string> Paths { get; init; } = new Dictionary<NormalizedField, string>();

    public string ToJson() =>
        JsonSerializer.Serialize(Paths.ToDictionary(p => p.Key.ToString(), p => p.Value, StringComparer.Ordinal));

    public static PayloadMapping FromJson(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return new();
        }

        var raw = JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? [];
        var paths = new Dictionary<NormalizedField, string>();
        foreach (var (key, value) in raw)
        {
            if (Enum.TryParse<NormalizedField>(key, ignoreCase: false, out var field) && !string.IsNullOrWhiteSpace(value))
            {
                paths[field] = value;
            }
        }

        return new() { Paths = paths };
    }
}

/// <summary>Reads values out of a JSON document by the paths of a <see cref="PayloadMapping"/>.</summary>
public static class PayloadPath
{
    /// <summary>
    /// Splits a path into its segments (property names as strings, array indexes as ints). Returns null when the path
    /// is not well formed (empty, unbalanced brackets, a bad index, longer than <see cref="PayloadMapping.PathMaxLength"/>).
    /// </summary>
    public static IReadOnlyList<object>? Parse(string? path)
    {
        if (string.IsNullOrWhiteSpace(path) || path.Length > PayloadMapping.PathMaxLength)
        {
            return null;
        }

        var text = path.Trim();
        if (text.StartsWith('$'))
        {
            text = text[1..];
            if (text.StartsWith('.'))
            {
                text = text[1..];
            }
        }

        var segments = new List<object>();
        var i = 0;
        var expectName = true;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '[')
            {
                var close = text.IndexOf(']', i + 1);
                if (close < 0)
                {
                    return null;
                }

                var inner = text[(i + 1)..close];
                if (inner.Length >= 2 && (inner[0] == '"' || inner[0] == '\'') && inner[^1] == inner[0])
                {
                    segments.Add(inner[1..^1]);
                }
                else if (int.TryParse(inner, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
                {
                    segments.Add(index);
                }
                else
                {
                    return null;
                }

                i = close + 1;
                expectName = false;
            }
            else if (c == '.')
            {
                if (expectName)
                {
                    return null;
                }

                i++;
                expectName = true;
                if (i == text.Length)
                {
                    return null;
                }
            }
            else
            {
                if (!expectName)
                {
                    return null;
                }

                var end = i;
                while (end < text.Length && text[end] != '.' && text[end] != '[')
                {
                    end++;
                }

                segments.Add(text[i..end]);
                i = end;
                expectName = false;
            }
        }

        return segments.Count == 0 ? null : segments;
    }

    /// <summary>
    /// The value at <paramref name="path"/> as text (strings as they are, numbers and booleans in their JSON form), or
    /// null when the path is not well formed, leads nowhere, or ends on an object, an array or null.
    /// </summary>
    public static string? Read(JsonElement root, string? path)
    {
        var segments = Parse(path);
        if (segments is null)
        {
            return null;
        }

        var current = root;
        foreach (var segment in segments)
        {
            if (segment is string name)
            {
                if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(name, out current))
                {
                    return null;
                }
            }
            else
            {
                var index = (int)segment;
                if (current.ValueKind != JsonValueKind.Array || index >= current.GetArrayLength())
                {
                    return null;
                }

                current = current[index];
            }
        }

        return current.ValueKind switch
        {
            JsonValueKind.String => current.GetString(),
            JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => current.GetRawText(),
            _ => null,
        };
    }
}
