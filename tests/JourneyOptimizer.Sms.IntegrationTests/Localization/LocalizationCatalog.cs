using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using JourneyOptimizer.Sms.Core.Credentials;
using JourneyOptimizer.Sms.Core.Credentials.Custom;
using JourneyOptimizer.Sms.Web.Infrastructure;

namespace JourneyOptimizer.Sms.IntegrationTests.Localization;

/// <summary>One row of the glossary: an English label and its required translations.</summary>
public sealed record GlossaryLabel(string English, string ChineseSimplified, string PortugueseBrazil)
{
    public string In(string culture) => culture == PortalCultures.ChineseSimplified ? ChineseSimplified : PortugueseBrazil;
}

/// <summary>The portal's keys (from the source, the dynamic list and the glossary) and its resx translations.</summary>
public static partial class LocalizationCatalog
{
    /// <summary>The translated languages: English needs no file (the key is the text).</summary>
    public static readonly IReadOnlyList<string> Cultures = [PortalCultures.ChineseSimplified, PortalCultures.PortugueseBrazil];

    /// <summary>
    /// Keys that no source scan can see, because the text is computed at run time. Add a value here when a page
    /// shows <c>@L[something.ToString()]</c> or a label picked in code.
    /// </summary>
    public static readonly IReadOnlyList<string> MaintainedDynamicKeys =
    [
        // SmsVendor names: @L[vendor.ToString()] in the API credentials list and the edit form (also checked by enum below).
        "Twilio", "Custom",

        // API credential verification statuses: @L[Display.Status(status)] (also checked by enum below).
        "Verified", "Not verified", "Failed",

        // Channel configuration statuses (PRODUCT.md 5 and 7), shown as badges.
        "Draft", "Processing", "Active", "Deactivated",

        // "Verify SMS connection": @L[result.ErrorKey ?? "..."] when a refusal comes without a sentence, and the
        // ErrorKey of TestMessageResult.NotFound.
        "The provider refused the request.", "This API credential does not exist in this sandbox.",
    ];

    /// <summary>
    /// The Core classes whose public string constants are message keys, by the end of their name: the field errors
    /// and outcome texts that Core hands to the web layer as English keys (<c>CustomCredentialMessages</c>,
    /// <c>CustomSendMessages</c>, <c>TwilioErrorText</c>, <c>TwilioCredentialVerifier</c>). Their private constants
    /// (field names) are not keys.
    /// </summary>
    public static readonly IReadOnlyList<string> MessageClassSuffixes = ["Messages", "ErrorText", "Verifier"];

    /// <summary>Public constants of those classes that are not shown through the localizer.</summary>
    public static readonly IReadOnlyList<string> MessageClassConstantsThatAreNotKeys =
    [
        // Written into the excerpt of a provider's answer in place of a secret: part of the quoted answer, not a sentence.
        CustomSendMessages.Redacted,
    ];

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static string WebProject => Path.Combine(RepositoryRoot, "src", "JourneyOptimizer.Sms.Web");

    public static string ResxRelativePath(string culture) => $"src/JourneyOptimizer.Sms.Web/Resources/SharedResource.{culture}.resx";

    public static string GlossaryRelativePath => "docs/glossary.csv";

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "JourneyOptimizer.Sms.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No JourneyOptimizer.Sms.sln above {AppContext.BaseDirectory}: the key scan needs the repository.");
    }

    /// <summary>The keys used in the source code, found by <see cref="KeyScanner"/>.</summary>
    public static IReadOnlyList<KeyUse> SourceKeys { get; } = KeyScanner.ScanRepository(RepositoryRoot);

    /// <summary>The dynamic keys: the maintained list, every <see cref="SmsVendor"/> name and every status label.</summary>
    public static IReadOnlyList<KeyUse> DynamicKeys { get; } =
    [
        .. MaintainedDynamicKeys.Select(k => new KeyUse(k, "LocalizationCatalog.MaintainedDynamicKeys")),
        .. Enum.GetNames<SmsVendor>().Select(k => new KeyUse(k, "enum SmsVendor (@L[vendor.ToString()])")),
        .. Enum.GetValues<VerificationStatus>().Select(s => new KeyUse(Display.Status(s), "Display.Status(VerificationStatus)")),
    ];

    // Before MessageClassKeys: static initializers run in textual order.
    /// <summary>The Core types whose names end with one of <see cref="MessageClassSuffixes"/>.</summary>
    public static IReadOnlyList<Type> MessageClasses { get; } = typeof(ApiCredential).Assembly.GetTypes()
        .Where(t => t.IsClass && !t.IsGenericTypeDefinition && MessageClassSuffixes.Any(s => t.Name.EndsWith(s, StringComparison.Ordinal)))
        .OrderBy(t => t.FullName, StringComparer.Ordinal)
        .ToList();

    /// <summary>
    /// The keys of the Core message classes (<see cref="MessageClassSuffixes"/>), read by reflection: every public string
    /// constant, and every public static <c>AllKeys</c> list (<c>TwilioErrorText.AllKeys</c>,
    /// <c>TwilioCredentialVerifier.AllKeys</c>). This is what covers the messages of <c>RuleFor(...).Custom(...)</c>
    /// rules and of services, which pick a constant at run time.
    /// </summary>
    public static IReadOnlyList<KeyUse> MessageClassKeys { get; } = FindMessageClassKeys();

    public static IReadOnlyList<GlossaryLabel> Glossary { get; } = ReadGlossary();

    /// <summary>Everything that needs a translation: source keys, message-class keys, dynamic keys and the glossary labels.</summary>
    public static IReadOnlyList<KeyUse> AllKeys { get; } =
    [
        .. SourceKeys,
        .. MessageClassKeys,
        .. DynamicKeys,
        .. Glossary.Select(g => new KeyUse(g.English, GlossaryRelativePath)),
    ];

    private static List<KeyUse> FindMessageClassKeys()
    {
        var keys = new List<KeyUse>();
        foreach (var type in MessageClasses)
        {
            foreach (var field in type.GetFields(BindingFlags.Public | BindingFlags.Static)
                         .Where(f => f is { IsLiteral: true, IsInitOnly: false } && f.FieldType == typeof(string)))
            {
                keys.Add(new KeyUse((string)field.GetRawConstantValue()!, $"{type.Name}.{field.Name}"));
            }

            if (type.GetProperty("AllKeys", BindingFlags.Public | BindingFlags.Static)?.GetValue(null) is IEnumerable<string> list)
            {
                keys.AddRange(list.Select(k => new KeyUse(k, $"{type.Name}.AllKeys")));
            }
        }

        return keys.Where(k => !MessageClassConstantsThatAreNotKeys.Contains(k.Key, StringComparer.Ordinal)).ToList();
    }

    /// <summary>The entries of a culture's resx file (name: English key, value: translation).</summary>
    public static IReadOnlyDictionary<string, string> Translations(string culture) =>
        TranslationCache.GetOrAdd(culture, c => ReadResx(Path.Combine(RepositoryRoot, ResxRelativePath(c))));

    private static readonly ConcurrentDictionary<string, IReadOnlyDictionary<string, string>> TranslationCache = new(StringComparer.Ordinal);

    public static IReadOnlyDictionary<string, string> ReadResx(string path)
    {
        if (ResxStructure.Problems(path) is { Count: > 0 } problems)
        {
            throw new InvalidOperationException(string.Join(Environment.NewLine, problems));
        }

        var entries = new Dictionary<string, string>(StringComparer.Ordinal);
        var document = XDocument.Load(path, LoadOptions.PreserveWhitespace);
        foreach (var data in document.Root!.Elements("data"))
        {
            var name = (string?)data.Attribute("name") ?? "";
            if (entries.Keys.FirstOrDefault(k => string.Equals(k, name, StringComparison.OrdinalIgnoreCase)) is { } existing)
            {
                throw new InvalidOperationException($"{path}: the key \"{name}\" appears twice (as \"{existing}\"; resx names ignore case).");
            }

            entries.Add(name, data.Element("value")?.Value ?? "");
        }

        return entries;
    }

    private static List<GlossaryLabel> ReadGlossary()
    {
        var lines = File.ReadAllLines(Path.Combine(RepositoryRoot, GlossaryRelativePath), Encoding.UTF8);
        var header = ParseCsvLine(lines[0]);
        if (!header.SequenceEqual(["en", "zh-Hans", "pt-BR"]))
        {
            throw new InvalidOperationException($"{GlossaryRelativePath}: expected the columns en,zh-Hans,pt-BR.");
        }

        return lines.Skip(1).Where(l => l.Length > 0).Select(ParseCsvLine).Select(c => new GlossaryLabel(c[0], c[1], c[2])).ToList();
    }

    private static List<string> ParseCsvLine(string line)
    {
        var cells = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted && c == '"' && i + 1 < line.Length && line[i + 1] == '"')
            {
                cell.Append('"');
                i++;
            }
            else if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == ',' && !quoted)
            {
                cells.Add(cell.ToString());
                cell.Clear();
            }
            else
            {
                cell.Append(c);
            }
        }

        cells.Add(cell.ToString());
        return cells;
    }

    [GeneratedRegex(@"\{(\d+)(?:,[^}]*)?(?::[^}]*)?\}", RegexOptions.CultureInvariant)]
    private static partial Regex PlaceholderPattern();

    /// <summary>The keys that one language's file has and another's lacks, each named with both files.</summary>
    public static string KeyDifferenceReport(IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> all)
    {
        ArgumentNullException.ThrowIfNull(all);
        var report = new StringBuilder();
        foreach (var (culture, entries) in all)
        {
            foreach (var (other, otherEntries) in all.Where(o => o.Key != culture))
            {
                foreach (var key in otherEntries.Keys.Where(k => !entries.ContainsKey(k)).Order(StringComparer.Ordinal))
                {
                    report.Append(CultureInfo.InvariantCulture, $"{ResxRelativePath(culture)} lacks \"{key}\" (present in {other}).").AppendLine();
                }
            }
        }

        return report.ToString();
    }

    /// <summary>The composite-format placeholder indexes of a text: "{0} of {1:d}" gives 0 and 1.</summary>
    public static SortedSet<int> Placeholders(string text) =>
        new(PlaceholderPattern().Matches(text).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)));

    [GeneratedRegex(@"\{[A-Za-z]\w*\}", RegexOptions.CultureInvariant)]
    private static partial Regex NamedPlaceholderPattern();

    /// <summary>FluentValidation's named placeholders of a text ({PropertyName}, {MaxLength}, ...), filled in after translation.</summary>
    public static SortedSet<string> NamedPlaceholders(string text) =>
        new(NamedPlaceholderPattern().Matches(text).Select(m => m.Value), StringComparer.Ordinal);

    /// <summary>True when the value is missing in effect: empty or still a TODO.</summary>
    public static bool IsUntranslated(string? value) =>
        string.IsNullOrWhiteSpace(value) || value.TrimStart().StartsWith("TODO", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// What to add so that every key has a translation in every culture, ready to paste into the resx files; empty when
    /// nothing is missing.
    /// </summary>
    public static string MissingTranslationsReport(IEnumerable<KeyUse> keys, IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> translations)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(translations);
        var byKey = keys.GroupBy(k => k.Key, StringComparer.Ordinal).ToList();
        var report = new StringBuilder();
        foreach (var (culture, entries) in translations.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            var missing = byKey.Where(k => !entries.TryGetValue(k.Key, out var value) || IsUntranslated(value))
                .OrderBy(k => k.Key, StringComparer.Ordinal).ToList();
            if (missing.Count == 0)
            {
                continue;
            }

            report.Append(CultureInfo.InvariantCulture,
                    $"{ResxRelativePath(culture)} lacks {missing.Count} translation(s). Add these <data> entries with the {culture} text in <value>:")
                .AppendLine();
            foreach (var key in missing)
            {
                var where = string.Join(", ", key.Select(k => k.Location).Distinct().Take(3)) + (key.Count() > 3 ? ", ..." : "");
                report.Append("  <!-- used in ").Append(where.Replace("--", "- -", StringComparison.Ordinal)).AppendLine(" -->");
                var sameButCase = entries.Keys.FirstOrDefault(k => string.Equals(k, key.Key, StringComparison.OrdinalIgnoreCase) && k != key.Key);
                if (sameButCase is not null)
                {
                    report.Append("  <!-- resx names ignore case: the file has \"").Append(sameButCase)
                        .AppendLine("\" already, so use that exact text in the code (or reword) instead of adding this one -->");
                    continue;
                }

                report.Append("  ").AppendLine(new XElement("data", new XAttribute("name", key.Key),
                    new XAttribute(XNamespace.Xml + "space", "preserve"), new XElement("value", "")).ToString(SaveOptions.DisableFormatting));
            }

            report.AppendLine();
        }

        return report.ToString();
    }

    /// <summary>Translations whose placeholders differ from their key's, or that string.Format cannot use.</summary>
    public static string PlaceholderReport(string culture, IReadOnlyDictionary<string, string> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var report = new StringBuilder();
        foreach (var (key, value) in entries.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            var expected = Placeholders(key);
            var actual = Placeholders(value);
            var expectedNamed = NamedPlaceholders(key);
            var actualNamed = NamedPlaceholders(value);
            if (!expectedNamed.SetEquals(actualNamed))
            {
                report.Append(CultureInfo.InvariantCulture,
                    $"{ResxRelativePath(culture)}: \"{key}\" has {Describe(expectedNamed)} but its translation \"{value}\" has {Describe(actualNamed)}.").AppendLine();
                continue;
            }

            if (!expected.SetEquals(actual))
            {
                report.Append(CultureInfo.InvariantCulture,
                    $"{ResxRelativePath(culture)}: \"{key}\" has {Describe(expected)} but its translation \"{value}\" has {Describe(actual)}.").AppendLine();
                continue;
            }

            if (expected.Count > 0 && expectedNamed.Count == 0)
            {
                var arguments = Enumerable.Range(0, expected.Max + 1).Select(i => (object)("arg" + i.ToString(CultureInfo.InvariantCulture))).ToArray();
                try
                {
                    _ = string.Format(CultureInfo.InvariantCulture, value, arguments);
                }
                catch (FormatException ex)
                {
                    report.Append(CultureInfo.InvariantCulture,
                        $"{ResxRelativePath(culture)}: the translation of \"{key}\" is not a valid format string ({ex.Message}): \"{value}\".").AppendLine();
                }
            }
        }

        return report.ToString();
    }

    private static string Describe(SortedSet<int> placeholders) =>
        Describe(placeholders.Select(p => "{" + p.ToString(CultureInfo.InvariantCulture) + "}"));

    private static string Describe(IEnumerable<string> placeholders) =>
        placeholders.Any() ? string.Join(" ", placeholders) : "no placeholder";
}
