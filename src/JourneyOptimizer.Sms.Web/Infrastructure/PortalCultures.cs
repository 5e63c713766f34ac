using System.Globalization;
using Microsoft.AspNetCore.Localization;
using Microsoft.Net.Http.Headers;

namespace JourneyOptimizer.Sms.Web.Infrastructure;

/// <summary>The portal's languages and how a request picks one: ?culture=, the language cookie, Accept-Language.</summary>
public static class PortalCultures
{
    public const string English = "en";
    public const string ChineseSimplified = "zh-Hans";
    public const string PortugueseBrazil = "pt-BR";

    public static readonly IReadOnlyList<string> Supported = [English, ChineseSimplified, PortugueseBrazil];

    /// <summary>The name of each language in itself, for the language menu.</summary>
    public static readonly IReadOnlyDictionary<string, string> NativeNames = new Dictionary<string, string>
    {
        [English] = "English",
        [ChineseSimplified] = "简体中文",
        [PortugueseBrazil] = "Português (Brasil)",
    };

    /// <summary>Maps a browser language tag to a supported culture: zh-CN/zh-SG/zh -> zh-Hans, pt/pt-PT -> pt-BR, en-* -> en.</summary>
    public static string? Map(string? tag)
    {
        if (string.IsNullOrWhiteSpace(tag))
        {
            return null;
        }

        var t = tag.Trim();
        if (t.StartsWith("zh", StringComparison.OrdinalIgnoreCase))
        {
            // Traditional Chinese is not offered; Simplified is the closest the portal speaks.
            return ChineseSimplified;
        }

        if (t.StartsWith("pt", StringComparison.OrdinalIgnoreCase))
        {
            return PortugueseBrazil;
        }

        if (t.StartsWith("en", StringComparison.OrdinalIgnoreCase))
        {
            return English;
        }

        return null;
    }

    public static RequestLocalizationOptions CreateOptions()
    {
        var cultures = Supported.Select(c => new CultureInfo(c)).ToList();
        var options = new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture(English),
            SupportedCultures = cultures,
            SupportedUICultures = cultures,
            FallBackToParentCultures = true,
            FallBackToParentUICultures = true,
        };
        options.RequestCultureProviders =
        [
            new QueryStringRequestCultureProvider(),
            new CookieRequestCultureProvider(),
            new MappedAcceptLanguageProvider(),
        ];
        return options;
    }

    /// <summary>Accept-Language with the mapping above, by quality order.</summary>
    private sealed class MappedAcceptLanguageProvider : RequestCultureProvider
    {
        public override Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext)
        {
            var header = httpContext.Request.Headers.AcceptLanguage.ToString();
            if (string.IsNullOrEmpty(header) || header.Length > 1000
                || !StringWithQualityHeaderValue.TryParseList(header.Split(','), out var values))
            {
                return NullProviderCultureResult;
            }

            foreach (var value in values.OrderByDescending(v => v.Quality ?? 1))
            {
                var mapped = Map(value.Value.Value);
                if (mapped is not null)
                {
                    return Task.FromResult<ProviderCultureResult?>(new ProviderCultureResult(mapped));
                }
            }

            return NullProviderCultureResult;
        }
    }
}
