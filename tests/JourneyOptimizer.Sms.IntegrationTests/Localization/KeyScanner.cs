using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace JourneyOptimizer.Sms.IntegrationTests.Localization;

/// <summary>A localization key (an English text) and where it is used: "path:line" or the list it comes from.</summary>
public sealed record KeyUse(string Key, string Location);

/// <summary>One way an English text becomes a key in the source; <see cref="CoreOnly"/> limits it to the Core project.</summary>
public sealed record KeyShape(string Name, Regex Pattern, bool CoreOnly = false);

/// <summary>
/// Finds the localization keys in C# and Razor source by their shapes (<see cref="Shapes"/>). Every capture named
/// "key" is a C# string literal (regular or verbatim, possibly several joined with +) whose value is a key.
/// </summary>
public static class KeyScanner
{
    private const string Literal = """(?:@"(?:[^"]|"")*"|"(?:[^"\\\r\n]|\\.)*")""";
    private const string Literals = Literal + @"(?:\s*\+\s*" + Literal + ")*";
    private const string Key = "(?<key>" + Literals + ")";

    // The first argument of a FieldError: a literal, nameof(...), FieldError.FormLevel, a variable; never a comma.
    private const string FirstArgument = """(?:"(?:[^"\\\r\n]|\\.)*"|\([^()]*\)|[^,"();{}])*?""";

    private static Regex Shape(string pattern) => new(pattern, RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture);

    public static readonly IReadOnlyList<KeyShape> Shapes =
    [
        // @L["..."] in views, localizer["...", args] / _localizer["..."] / stringLocalizer["..."] in code.
        new("localizer indexer", Shape(@"(?<!\w)(?:L|\w*[lL]ocalizer)\s*\[\s*" + Key)),
        new("localizer GetString", Shape(@"(?<!\w)(?:L|\w*[lL]ocalizer)\s*\.\s*GetString\s*\(\s*" + Key)),
        // FluentValidation rules: .WithMessage("..."); their English text is translated by LocalizedValidationMessages.
        new("WithMessage", Shape(@"\.\s*WithMessage\s*\(\s*" + Key)),
        // Service field errors, often over several lines: new FieldError(nameof(X.Name),\n "...").
        new("FieldError", Shape(@"\bnew\s+(?:[\w.]+\.)?FieldError\s*\(\s*" + FirstArgument + @",\s*" + Key)),
        // Messages kept in constants: const string NumberMessage = "..." (possibly on the next line). A constant named
        // just Message is not one (CustomPayloadTemplate.Message is the {{message}} placeholder); the constants of the
        // Core message classes are read by reflection instead (LocalizationCatalog.MessageClassKeys).
        new("const ...Message", Shape(@"\b(?:const|static\s+readonly)\s+string\s+\w+Message\s*=\s*" + Key)),
        // Data annotations (translated through AddDataAnnotationsLocalization).
        new("[Display(Name = ...)]", Shape(@"\[\s*Display\s*\([^\]]*?\b(?:Name|ShortName|Prompt|Description)\s*=\s*" + Key)),
        new("ErrorMessage = ...", Shape(@"\bErrorMessage\s*=\s*" + Key)),
        // Core services that answer with a list of English error texts for the page to translate, e.g.
        // FirstStartService.CompleteAsync: return ["This setup link is no longer valid."];
        new("returned error list", Shape(@"\breturn\s*\[\s*" + Key + @"(?:\s*,\s*" + Key + @")*\s*\]\s*;"), CoreOnly: true),
    ];

    /// <summary>The keys in one source text; <paramref name="path"/> is how locations name it.</summary>
    public static IEnumerable<KeyUse> Scan(string text, string path, bool isCore)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var shape in Shapes)
        {
            if (shape.CoreOnly && !isCore)
            {
                continue;
            }

            foreach (Match match in shape.Pattern.Matches(text))
            {
                foreach (Capture capture in match.Groups["key"].Captures)
                {
                    var line = 1 + text.AsSpan(0, capture.Index).Count('\n');
                    yield return new KeyUse(Decode(capture.Value), $"{path}:{line.ToString(CultureInfo.InvariantCulture)}");
                }
            }
        }
    }

    /// <summary>Every key in the C# and Razor files of the projects under src/ (not the migrations, bin or obj).</summary>
    public static IReadOnlyList<KeyUse> ScanRepository(string repositoryRoot)
    {
        var src = Path.Combine(repositoryRoot, "src");
        var uses = new List<KeyUse>();
        foreach (var file in Directory.EnumerateFiles(src, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(repositoryRoot, file).Replace('\\', '/');
            var parts = relative.Split('/');
            if (!(file.EndsWith(".cs", StringComparison.Ordinal) || file.EndsWith(".cshtml", StringComparison.Ordinal))
                || parts.Any(p => p is "bin" or "obj" or "wwwroot")
                || parts[1].Contains(".Migrations.", StringComparison.Ordinal))
            {
                continue;
            }

            var isCore = parts[1].EndsWith(".Core", StringComparison.Ordinal);
            uses.AddRange(Scan(File.ReadAllText(file), relative, isCore));
        }

        return uses;
    }

    /// <summary>The value of one or more C# string literals joined with +.</summary>
    public static string Decode(string literals)
    {
        ArgumentNullException.ThrowIfNull(literals);
        var value = new StringBuilder();
        var i = 0;
        while (i < literals.Length)
        {
            if (literals[i] == '@' && i + 1 < literals.Length && literals[i + 1] == '"')
            {
                i += 2;
                while (i < literals.Length)
                {
                    if (literals[i] == '"' && i + 1 < literals.Length && literals[i + 1] == '"')
                    {
                        value.Append('"');
                        i += 2;
                    }
                    else if (literals[i] == '"')
                    {
                        i++;
                        break;
                    }
                    else
                    {
                        value.Append(literals[i++]);
                    }
                }
            }
            else if (literals[i] == '"')
            {
                i++;
                while (i < literals.Length && literals[i] != '"')
                {
                    if (literals[i] == '\\')
                    {
                        i = Unescape(literals, i, value);
                    }
                    else
                    {
                        value.Append(literals[i++]);
                    }
                }

                i++;
            }
            else
            {
                i++; // whitespace and the + between literals
            }
        }

        return value.ToString();
    }

    private static int Unescape(string s, int i, StringBuilder value)
    {
        var c = s[i + 1];
        switch (c)
        {
            case 'n': value.Append('\n'); return i + 2;
            case 'r': value.Append('\r'); return i + 2;
            case 't': value.Append('\t'); return i + 2;
            case '0': value.Append('\0'); return i + 2;
            case 'u':
                value.Append((char)int.Parse(s.AsSpan(i + 2, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                return i + 6;
            case 'x':
                var length = 0;
                while (length < 4 && i + 2 + length < s.Length && Uri.IsHexDigit(s[i + 2 + length]))
                {
                    length++;
                }

                value.Append((char)int.Parse(s.AsSpan(i + 2, length), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                return i + 2 + length;
            default:
                value.Append(c); // \" \\ \'
                return i + 2;
        }
    }
}
