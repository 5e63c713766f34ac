using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace JourneyOptimizer.Sms.IntegrationTests.Localization;

/// <summary>
/// The shape a resx file must have for its entries to count: every <c>&lt;data&gt;</c> a child of <c>&lt;root&gt;</c>,
/// with a name and exactly one <c>&lt;value&gt;</c>. A merge that pastes an entry inside another, or loses a value line,
/// still builds (the resource generator skips a nested entry, and one without a value is an empty translation), so the
/// portal would quietly show English; the translation tests read files through <see cref="LocalizationCatalog.ReadResx"/>,
/// which refuses such a file with these problems.
/// </summary>
public static class ResxStructure
{
    /// <summary>What is wrong with a resx file (each with its line), or nothing.</summary>
    public static IReadOnlyList<string> Problems(string path)
    {
        XDocument document;
        try
        {
            document = XDocument.Load(path, LoadOptions.SetLineInfo | LoadOptions.PreserveWhitespace);
        }
        catch (XmlException e)
        {
            return [$"{path}: not valid XML: {e.Message}"];
        }

        var problems = new List<string>();
        var root = document.Root!;
        if (root.Name != "root")
        {
            problems.Add($"{At(path, root)}: the document element is <{root.Name}>, not <root>.");
        }

        foreach (var data in root.Descendants("data"))
        {
            var name = (string?)data.Attribute("name");
            var label = name is null ? "<data> without a name" : $"<data name=\"{name}\">";
            if (data.Parent != root)
            {
                var parent = data.Ancestors("data").FirstOrDefault() is { } outer ? $"<data name=\"{(string?)outer.Attribute("name")}\">" : $"<{data.Parent!.Name}>";
                problems.Add($"{At(path, data)}: {label} is inside {parent}: each entry must be a child of <root>.");
                continue;
            }

            if (string.IsNullOrEmpty(name))
            {
                problems.Add($"{At(path, data)}: {label}: each entry needs its English key as name.");
            }

            var values = data.Elements("value").Count();
            if (values != 1)
            {
                problems.Add($"{At(path, data)}: {label} has {(values == 0 ? "no" : values.ToString(CultureInfo.InvariantCulture))} <value> element{(values > 1 ? "s" : "")}: it needs exactly one.");
            }
        }

        return problems;
    }

    private static string At(string path, XObject node) =>
        $"{Path.GetFileName(path)}:{((IXmlLineInfo)node).LineNumber.ToString(CultureInfo.InvariantCulture)}";
}
