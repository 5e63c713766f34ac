using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Globalization;
using System.Resources;
using Microsoft.Extensions.Localization;

namespace JourneyOptimizer.Sms.Web.Infrastructure;

/// <summary>
/// The portal's texts (<see cref="SharedResource"/>), each looked up once per language and kept (docs/performance.md,
/// eleventh round). The resource localizer builds a cache key string and walks the culture's resource sets on every
/// lookup, and a page makes 30 to 60 of them; in English, which has no resource file (its texts are the keys), every
/// lookup also ends in the missing-resource path. Only the texts of the resource files are kept, found or not (an
/// English text is "not found" and comes back as its key, as before), so the cache holds at most every key in each
/// language, whatever a caller asks for; any other name goes to the resource localizer every time.
/// </summary>
public sealed class CachedStringLocalizer : IStringLocalizer<SharedResource>
{
    private readonly IStringLocalizer inner;
    private readonly Lazy<FrozenSet<string>> keys;
    private readonly ConcurrentDictionary<(string Culture, string Name), LocalizedString> texts = new();

    public CachedStringLocalizer(IStringLocalizerFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        inner = factory.Create(typeof(SharedResource));
        keys = new(() => KeysOf(inner));
    }

    /// <summary>How many texts are kept (for the tests).</summary>
    internal int Count => texts.Count;

    public LocalizedString this[string name]
    {
        get
        {
            ArgumentNullException.ThrowIfNull(name);
            var key = (CultureInfo.CurrentUICulture.Name, name);
            if (texts.TryGetValue(key, out var text))
            {
                return text;
            }

            text = inner[name];
            if (keys.Value.Contains(name))
            {
                texts.TryAdd(key, text);
            }

            return text;
        }
    }

    /// <summary>As the resource localizer: the text (or the name when there is none) formatted in the current culture.</summary>
    public LocalizedString this[string name, params object[] arguments]
    {
        get
        {
            var template = this[name];
            return new LocalizedString(name, string.Format(CultureInfo.CurrentCulture, template.Value, arguments), template.ResourceNotFound,
                template.SearchedLocation);
        }
    }

    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => inner.GetAllStrings(includeParentCultures);

    // Every key of the resource files of the portal's languages.
    private static FrozenSet<string> KeysOf(IStringLocalizer localizer)
    {
        var saved = CultureInfo.CurrentUICulture;
        var names = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            foreach (var culture in PortalCultures.Supported)
            {
                CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
                try
                {
                    names.UnionWith(localizer.GetAllStrings(includeParentCultures: false).Select(s => s.Name));
                }
                catch (MissingManifestResourceException)
                {
                    // English: no resource file.
                }
            }
        }
        finally
        {
            CultureInfo.CurrentUICulture = saved;
        }

        return names.ToFrozenSet(StringComparer.Ordinal);
    }
}
