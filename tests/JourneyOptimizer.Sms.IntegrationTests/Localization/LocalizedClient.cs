using System.Globalization;
using System.Net;
using AngleSharp.Html.Dom;
using JourneyOptimizer.Sms.IntegrationTests.Infrastructure;
using JourneyOptimizer.Sms.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;

namespace JourneyOptimizer.Sms.IntegrationTests.Localization;

/// <summary>
/// Clients that ask for a language the way browsers do: zh-Hans through Accept-Language <c>zh-CN</c> (the mapping),
/// pt-BR through the culture cookie that the language menu sets, English through nothing at all.
/// </summary>
public static class LocalizedClient
{
    public const string CultureCookie = ".AspNetCore.Culture";

    public static PortalClient Anonymous(PortalFactory factory, string culture)
    {
        ArgumentNullException.ThrowIfNull(factory);
        var cookies = new CookieContainer();
        if (culture == PortalCultures.PortugueseBrazil)
        {
            cookies.Add(new Uri("http://localhost"), new Cookie(CultureCookie, "c=pt-BR|uic=pt-BR"));
        }

        var http = factory.CreateDefaultClient(new Uri("http://localhost"), new CookieContainerHandler(cookies));
        if (culture == PortalCultures.ChineseSimplified)
        {
            http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("zh-CN");
        }

        return new PortalClient(http);
    }

    public static async Task<PortalClient> SignedInAsync(PortalFactory factory, string culture)
    {
        var client = Anonymous(factory, culture);
        var response = await client.SignInAsync(PortalFactory.AdminEmail, PortalFactory.AdminPassword);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    /// <summary>GETs a page that may answer with an error status (403, 404, 500 pages) and parses it.</summary>
    public static async Task<IHtmlDocument> GetPageAsync(PortalClient client, string url, HttpStatusCode expected = HttpStatusCode.OK)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var response = await client.Http.GetAsync(new Uri(url, UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected,
            $"GET {url} answered {(int)response.StatusCode}, expected {(int)expected}: {html[..Math.Min(html.Length, 1000)]}");
        return await PortalClient.ParseAsync(html, url);
    }

    /// <summary>The translation of an English key in a culture, formatted like IStringLocalizer does; English is the key.</summary>
    public static string T(string culture, string key, params object[] arguments)
    {
        var text = culture == PortalCultures.English ? key
            : LocalizationCatalog.Translations(culture).TryGetValue(key, out var translation) ? translation
            : throw new KeyNotFoundException($"{LocalizationCatalog.ResxRelativePath(culture)} has no translation of \"{key}\".");
        return arguments.Length == 0 ? text : string.Format(CultureInfo.GetCultureInfo(culture), text, arguments);
    }
}
