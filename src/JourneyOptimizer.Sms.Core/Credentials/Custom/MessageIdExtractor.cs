using System.Globalization;
using System.Text.Json;

namespace JourneyOptimizer.Sms.Core.Credentials.Custom;

/// <summary>
/// Reads the provider's message id from its JSON answer. The expression is either a field name (no dot): the first
/// property with that name in the answer, reading it from top to bottom (depth-first, in document order); or a dot
/// path from the root (it has a dot): property names, and zero-based indexes into arrays, e.g. <c>messages.0.id</c>.
/// Names compare case-sensitively. A string is returned as is, a number as its JSON text; any other value, or an id
/// longer than <see cref="MaxIdLength"/> characters, counts as no id.
/// </summary>
public static class MessageIdExtractor
{
    public const int MaxExpressionLength = 200;
    public const int MaxIdLength = 256;

    /// <summary>True when <paramref name="expression"/> is a field name or a dot path with no empty segment, space or control character.</summary>
    public static bool IsValidExpression(string? expression) =>
        !string.IsNullOrEmpty(expression)
        && expression.Length <= MaxExpressionLength
        && !expression.Any(c => char.IsWhiteSpace(c) || char.IsControl(c))
        && !expression.Split('.').Any(string.IsNullOrEmpty);

    public static string? Extract(JsonElement root, string expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        var match = expression.Contains('.', StringComparison.Ordinal)
            ? FollowPath(root, expression.Split('.'))
            : FindFirst(root, expression);
        var id = match switch
        {
            { ValueKind: JsonValueKind.String } value => value.GetString(),
            { ValueKind: JsonValueKind.Number } value => value.GetRawText(),
            _ => null,
        };
        return id is { Length: > 0 and <= MaxIdLength } ? id : null;
    }

    private static JsonElement? FollowPath(JsonElement root, string[] segments)
    {
        var current = root;
        foreach (var segment in segments)
        {
            if (current.ValueKind == JsonValueKind.Object && current.TryGetProperty(segment, out var child))
            {
                current = child;
            }
            else if (current.ValueKind == JsonValueKind.Array
                && int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var index)
                && index < current.GetArrayLength())
            {
                current = current[index];
            }
            else
            {
                return null;
            }
        }

        return current;
    }

    private static JsonElement? FindFirst(JsonElement element, string name)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (property.NameEquals(name))
                    {
                        return property.Value;
                    }

                    if (FindFirst(property.Value, name) is { } nested)
                    {
                        return nested;
                    }
                }

                return null;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    if (FindFirst(item, name) is { } nested)
                    {
                        return nested;
                    }
                }

                return null;
            default:
                return null;
        }
    }
}
