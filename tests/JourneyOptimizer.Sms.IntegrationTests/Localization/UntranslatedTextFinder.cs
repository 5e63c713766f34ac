using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using JourneyOptimizer.Sms.Web.Infrastructure;

namespace JourneyOptimizer.Sms.IntegrationTests.Localization;

/// <summary>
/// Reads a rendered page as a user sees it (text nodes and the attributes that are shown or read aloud, plus the
/// client-side validation messages) and finds English keys left in it for a culture that translates them.
/// </summary>
public sealed partial class UntranslatedTextFinder
{
    /// <summary>
    /// Terms that stay in English in every language: the brand and the permission names (PRODUCT.md 2), and technical
    /// names and formats shown as they are (options of the Custom provider form, examples in the placeholders of its
    /// code fields, the Key ID:Key Secret format of a Sinch access key named by the Sinch dashboard's English fields).
    /// SMS, RCS, MMS, PEM and JSON, single words, need no entry: only two English words in a row count.
    /// </summary>
    public static readonly IReadOnlyList<string> UntranslatedTerms =
    [
        "Journey Optimizer SMS", "System administrator", "Manage messages presets", "View messages presets",
        "HMAC-SHA256", "HMAC-SHA1", "X-API-Key", "-----BEGIN CERTIFICATE-----", "-----BEGIN PRIVATE KEY-----",
        """{"iss": "journey-optimizer"}""", "Key ID:Key Secret",
    ];

    private readonly string _culture;
    private readonly List<(string Key, Regex Pattern)> _keys;
    private readonly string[] _latinInTranslations;

    public UntranslatedTextFinder(string culture)
    {
        _culture = culture;
        var translations = LocalizationCatalog.Translations(culture);
        _keys = LocalizationCatalog.AllKeys.Select(k => k.Key).Concat(translations.Keys).Distinct(StringComparer.Ordinal)
            .Where(k => !translations.TryGetValue(k, out var t) || LocalizationCatalog.IsUntranslated(t) || t != k)
            .Select(k => (k, KeyPattern(k)))
            .ToList();
        _latinInTranslations = translations.Values.Concat(UntranslatedTerms)
            .SelectMany(t => EnglishWords().Matches(t).Select(m => m.Value))
            .Distinct(StringComparer.Ordinal).OrderByDescending(t => t.Length).ToArray();
    }

    /// <summary>Each text of the page that contains an English key (or, in zh-Hans, English words), described for a report.</summary>
    public IEnumerable<string> Find(string page, IHtmlDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        foreach (var (where, shown) in VisibleTexts(document))
        {
            // Terms that every language keeps in English do not count, nor do the keys inside them ("System").
            var text = UntranslatedTerms.Aggregate(shown, (t, term) => t.Replace(term, "…", StringComparison.Ordinal));
            foreach (var (key, pattern) in _keys)
            {
                if (pattern.IsMatch(text))
                {
                    yield return $"[{_culture}] {page} {where} «{shown}» still contains the English key «{key}».";
                }
            }

            if (_culture == PortalCultures.ChineseSimplified)
            {
                var rest = _latinInTranslations.Aggregate(text, (t, allowed) => t.Replace(allowed, " ", StringComparison.Ordinal));
                var english = EnglishWords().Match(rest);
                if (english.Success)
                {
                    yield return $"[{_culture}] {page} {where} «{shown}» has English words «{english.Value}»: a text not passed through L[...]?";
                }
            }
        }
    }

    /// <summary>Text nodes (not script or style), shown or spoken attributes, and data-val-* messages, whitespace-collapsed.</summary>
    public static IEnumerable<(string Where, string Text)> VisibleTexts(IHtmlDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        foreach (var node in document.DocumentElement.Descendants<IText>())
        {
            // translate="no" marks data (names, numbers, stored JSON) that is shown as it is in every language.
            if (node.ParentElement is { LocalName: "script" or "style" or "template" }
                || node.ParentElement?.Closest("[translate=no]") is not null)
            {
                continue;
            }

            var text = Collapse(node.Data);
            if (text.Length > 0)
            {
                yield return ($"<{node.ParentElement?.LocalName}>", text);
            }
        }

        foreach (var element in document.DocumentElement.Descendants<IElement>())
        {
            foreach (var attribute in element.Attributes)
            {
                if (IsShownAttribute(attribute.Name) && Collapse(attribute.Value) is { Length: > 0 } text)
                {
                    var id = element.Id ?? element.GetAttribute("name");
                    yield return ($"{attribute.Name} of <{element.LocalName}{(id is null ? "" : "#" + id)}>", text);
                }
            }
        }
    }

    private static bool IsShownAttribute(string name) =>
        name is "placeholder" or "title" or "aria-label" or "alt"
        || name.StartsWith("data-confirm", StringComparison.Ordinal)
        || (name.StartsWith("data-", StringComparison.Ordinal) && name.EndsWith("-label", StringComparison.Ordinal))
        || DataValMessage().IsMatch(name);

    private static string Collapse(string text) => Whitespace().Replace(text, " ").Trim();

    /// <summary>The key as a pattern: {n} matches any argument; a key that starts or ends with a letter matches whole words only.</summary>
    private static Regex KeyPattern(string key)
    {
        var parts = Placeholder().Split(key).Select(p => Regex.Escape(Collapse(p)).Replace(@"\ ", @"\s+", StringComparison.Ordinal));
        var body = string.Join(".+?", parts);
        var start = key.Length > 0 && char.IsLetterOrDigit(key[0]) ? @"(?<![\p{L}\p{N}])" : "";
        var end = key.Length > 0 && char.IsLetterOrDigit(key[^1]) ? @"(?![\p{L}\p{N}])" : "";
        return new Regex(start + body + end, RegexOptions.CultureInvariant);
    }

    [GeneratedRegex(@"\{\d+\}", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant)]
    private static partial Regex Whitespace();

    [GeneratedRegex("^data-val-[a-z]+$", RegexOptions.CultureInvariant)]
    private static partial Regex DataValMessage();

    // Two or more English words in a row ("Create sandbox"): in a zh-Hans page, text that missed the localizer.
    [GeneratedRegex("[A-Za-z]{2,}(?:[ ,'’-]+[A-Za-z]{2,})+", RegexOptions.CultureInvariant)]
    private static partial Regex EnglishWords();
}
