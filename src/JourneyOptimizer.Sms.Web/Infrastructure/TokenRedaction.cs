using System.Text.RegularExpressions;
using Serilog.Core;
using Serilog.Events;

namespace JourneyOptimizer.Sms.Web.Infrastructure;

/// <summary>
/// Keeps the portal's URL tokens out of every log event, whatever the configured levels: the webhook path token
/// (<c>/webhooks/{token}</c>, a secret: whoever knows it reaches the signature check) and the <c>token</c> query
/// parameter of the set-password and setup links. ASP.NET Core's own events carry the request's path and query (the
/// hosting "Request starting/finished" events, the <c>RequestPath</c> of every event's scope, the exception handler's
/// error); appsettings.json raises their levels, but a portal started without that file, or with more verbose levels
/// for troubleshooting, would log them. Every string property of every event is rewritten here, before any sink.
/// </summary>
public sealed partial class TokenRedaction : ILogEventEnricher
{
    public const string Redacted = "[redacted]";

    [GeneratedRegex(@"(/webhooks/)([^/?#\s""']+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex WebhookToken();

    [GeneratedRegex(@"([?&](?:amp;)?token=)([^&#\s""']*)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex QueryToken();

    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        ArgumentNullException.ThrowIfNull(logEvent);

        // The tokens of this event's request, wherever they show: routing inside the webhook branch names the path
        // without its /webhooks prefix ("/{token}"), which only the request's full path (the scope's RequestPath) reveals.
        HashSet<string>? tokens = null;
        foreach (var (_, value) in logEvent.Properties)
        {
            Collect(value, ref tokens);
        }

        tokens ??= [];

        List<LogEventProperty>? redacted = null;
        foreach (var (name, value) in logEvent.Properties)
        {
            var clean = Redact(value, tokens);
            if (!ReferenceEquals(clean, value))
            {
                (redacted ??= []).Add(new LogEventProperty(name, clean));
            }
        }

        foreach (var property in redacted ?? [])
        {
            logEvent.AddOrUpdateProperty(property);
        }
    }

    /// <summary>The text with its webhook path tokens and <c>token</c> query values replaced by <see cref="Redacted"/>.</summary>
    public static string Redact(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        HashSet<string>? tokens = null;
        Collect(text, ref tokens);
        return Redact(text, tokens ?? []);
    }

    private static void Collect(string text, ref HashSet<string>? tokens)
    {
        if (text.Contains("/webhooks/", StringComparison.OrdinalIgnoreCase))
        {
            foreach (Match match in WebhookToken().Matches(text))
            {
                AddToken(match.Groups[2].Value, ref tokens);
            }
        }

        if (text.Contains("token=", StringComparison.OrdinalIgnoreCase))
        {
            foreach (Match match in QueryToken().Matches(text))
            {
                AddToken(match.Groups[2].Value, ref tokens);
            }
        }
    }

    /// <summary>
    /// A token found is also looked for elsewhere in the event, when it is long enough to be one (the portal's are 43
    /// characters): the text "x" of "?token=x" must not be replaced in every other value. Where it was found, the
    /// patterns redact it whatever its length.
    /// </summary>
    private static void AddToken(string token, ref HashSet<string>? tokens)
    {
        if (token.Length >= 8)
        {
            (tokens ??= new(StringComparer.Ordinal)).Add(token);
        }
    }

    private static void Collect(LogEventPropertyValue value, ref HashSet<string>? tokens)
    {
        switch (value)
        {
            case ScalarValue { Value: string text }:
                Collect(text, ref tokens);
                break;
            case SequenceValue sequence:
                foreach (var element in sequence.Elements)
                {
                    Collect(element, ref tokens);
                }

                break;
            case StructureValue structure:
                foreach (var property in structure.Properties)
                {
                    Collect(property.Value, ref tokens);
                }

                break;
            case DictionaryValue dictionary:
                foreach (var (_, element) in dictionary.Elements)
                {
                    Collect(element, ref tokens);
                }

                break;
        }
    }

    private static string Redact(string text, HashSet<string> tokens)
    {
        var clean = text;
        if (clean.Contains("/webhooks/", StringComparison.OrdinalIgnoreCase))
        {
            clean = WebhookToken().Replace(clean, "$1" + Redacted);
        }

        if (clean.Contains("token=", StringComparison.OrdinalIgnoreCase))
        {
            clean = QueryToken().Replace(clean, "$1" + Redacted);
        }

        foreach (var token in tokens)
        {
            if (clean.Contains(token, StringComparison.Ordinal))
            {
                clean = clean.Replace(token, Redacted, StringComparison.Ordinal);
            }
        }

        return clean;
    }

    /// <summary>The same value when nothing in it needed redacting, else a redacted copy.</summary>
    private static LogEventPropertyValue Redact(LogEventPropertyValue value, HashSet<string> tokens)
    {
        switch (value)
        {
            case ScalarValue { Value: string text }:
                var clean = Redact(text, tokens);
                return ReferenceEquals(clean, text) ? value : new ScalarValue(clean);
            case SequenceValue sequence:
                var elements = sequence.Elements.Select(e => Redact(e, tokens)).ToList();
                return elements.SequenceEqual(sequence.Elements) ? value : new SequenceValue(elements);
            case StructureValue structure:
                var properties = structure.Properties.Select(p => new LogEventProperty(p.Name, Redact(p.Value, tokens))).ToList();
                return properties.Select(p => p.Value).SequenceEqual(structure.Properties.Select(p => p.Value))
                    ? value
                    : new StructureValue(properties, structure.TypeTag);
            case DictionaryValue dictionary:
                var entries = dictionary.Elements
                    .Select(e => new KeyValuePair<ScalarValue, LogEventPropertyValue>(e.Key, Redact(e.Value, tokens))).ToList();
                return entries.Select(e => e.Value).SequenceEqual(dictionary.Elements.Select(e => e.Value)) ? value : new DictionaryValue(entries);
            default:
                return value;
        }
    }
}
