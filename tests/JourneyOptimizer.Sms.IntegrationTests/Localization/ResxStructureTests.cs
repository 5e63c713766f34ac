using System.Xml.Linq;
using JourneyOptimizer.Sms.Web.Infrastructure;

namespace JourneyOptimizer.Sms.IntegrationTests.Localization;

/// <summary>
/// The resx files keep the shape their readers need (<see cref="ResxStructure"/>); that the languages have the same
/// names is <see cref="TranslationCompletenessTests.EveryLanguage_TranslatesTheSameKeys"/>. Each check is shown to fail
/// on a broken copy in a temporary folder, never on the real files.
/// </summary>
public sealed class ResxStructureTests
{
    private static string ResourcesFolder => Path.Combine(LocalizationCatalog.WebProject, "Resources");

    [Fact]
    public void EveryResxFile_HasEachEntryAtTheTopLevel_WithOneValue()
    {
        var files = Directory.GetFiles(ResourcesFolder, "*.resx");

        Assert.True(files.Length >= LocalizationCatalog.Cultures.Count, $"Only {files.Length} resx files in {ResourcesFolder}.");
        var problems = files.SelectMany(ResxStructure.Problems).ToList();
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void ABrokenCopy_IsReported_ItsNestedEntry_ItsEntryWithoutValue_AndTheNameTheOtherLanguageHas()
    {
        var folder = Directory.CreateTempSubdirectory("resx-structure-");
        try
        {
            var copy = Path.Combine(folder.FullName, "SharedResource.zh-Hans.resx");
            File.Copy(Path.Combine(ResourcesFolder, "SharedResource.zh-Hans.resx"), copy);
            Assert.Empty(ResxStructure.Problems(copy));
            var document = XDocument.Load(copy, LoadOptions.PreserveWhitespace);
            var entries = document.Root!.Elements("data").ToList();
            var (outer, valueless, dropped) = (entries[0], entries[1], entries[2]);
            var outerName = (string)outer.Attribute("name")!;
            var valuelessName = (string)valueless.Attribute("name")!;
            var droppedName = (string)dropped.Attribute("name")!;

            // As a bad merge leaves them: an entry pasted inside another, a value line lost, an entry lost.
            outer.Add(new XElement("data", new XAttribute("name", "Pasted inside"), new XElement("value", "内")));
            valueless.Element("value")!.Remove();
            dropped.Remove();
            document.Save(copy);

            var problems = ResxStructure.Problems(copy);
            Assert.Equal(2, problems.Count);
            Assert.Contains(problems, p => p.Contains($"<data name=\"Pasted inside\"> is inside <data name=\"{outerName}\">", StringComparison.Ordinal));
            Assert.Contains(problems, p => p.Contains($"<data name=\"{valuelessName}\"> has no <value> element", StringComparison.Ordinal));
            Assert.All(problems, p => Assert.StartsWith("SharedResource.zh-Hans.resx:", p, StringComparison.Ordinal));
            var refused = Assert.Throws<InvalidOperationException>(() => LocalizationCatalog.ReadResx(copy));
            Assert.Contains("Pasted inside", refused.Message, StringComparison.Ordinal);

            var report = LocalizationCatalog.KeyDifferenceReport(new Dictionary<string, IReadOnlyDictionary<string, string>>
            {
                [PortalCultures.ChineseSimplified] = ReadEntries(copy),
                [PortalCultures.PortugueseBrazil] = LocalizationCatalog.Translations(PortalCultures.PortugueseBrazil),
            });
            Assert.Contains($"SharedResource.zh-Hans.resx lacks \"{droppedName}\" (present in pt-BR).", report, StringComparison.Ordinal);
            Assert.Contains($"SharedResource.zh-Hans.resx lacks \"{valuelessName}\" (present in pt-BR).", report, StringComparison.Ordinal);
            Assert.Contains("SharedResource.pt-BR.resx lacks \"Pasted inside\"", report, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void AFileThatIsNotXml_IsReported()
    {
        var folder = Directory.CreateTempSubdirectory("resx-structure-");
        try
        {
            var copy = Path.Combine(folder.FullName, "SharedResource.pt-BR.resx");
            var text = File.ReadAllText(Path.Combine(ResourcesFolder, "SharedResource.pt-BR.resx"));
            File.WriteAllText(copy, text.Replace("</data>", "</dada>", StringComparison.Ordinal));

            Assert.Contains("not valid XML", Assert.Single(ResxStructure.Problems(copy)), StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>The names and values of a broken file as any lenient reader sees them: every entry, nested or not.</summary>
    private static Dictionary<string, string> ReadEntries(string path) =>
        XDocument.Load(path).Root!.Descendants("data")
            .Where(d => d.Element("value") is not null)
            .ToDictionary(d => (string)d.Attribute("name")!, d => d.Element("value")!.Value, StringComparer.Ordinal);
}
