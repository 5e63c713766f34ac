using System.Globalization;
using JourneyOptimizer.Sms.IntegrationTests.Infrastructure;
using JourneyOptimizer.Sms.Web;
using JourneyOptimizer.Sms.Web.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace JourneyOptimizer.Sms.IntegrationTests.Performance;

/// <summary>
/// <see cref="CachedStringLocalizer"/>: the portal's texts, kept once looked up, still come in each request's language,
/// a missing text still comes back as its key marked not found, and a text with values is formatted in the request's
/// culture.
/// </summary>
public sealed class CachedStringLocalizerTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static T InCulture<T>(string culture, Func<T> read)
    {
        var saved = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
            return read();
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = saved;
        }
    }

    [Fact]
    public void Each_language_gets_its_own_text_and_a_missing_text_stays_missing()
    {
        var localizer = factory.Services.GetRequiredService<IStringLocalizer<SharedResource>>();
        Assert.IsType<CachedStringLocalizer>(localizer);
        var resources = factory.Services.GetRequiredService<IStringLocalizerFactory>().Create(typeof(SharedResource));

        foreach (var culture in new[] { "en", "zh-Hans", "pt-BR", "en", "zh-Hans", "pt-BR" })
        {
            var text = InCulture(culture, () => localizer["API Credentials"]);
            var expected = InCulture(culture, () => resources["API Credentials"]);
            Assert.Equal(expected.Value, text.Value);
            Assert.Equal(expected.ResourceNotFound, text.ResourceNotFound);
        }

        Assert.NotEqual(InCulture("en", () => localizer["API Credentials"].Value), InCulture("zh-Hans", () => localizer["API Credentials"].Value));

        // English has no resource file: its texts are the keys, "not found", and kept like the others.
        Assert.True(InCulture("en", () => localizer["API Credentials"]).ResourceNotFound);

        // A name that is no text of the portal is answered as before, and never kept.
        var kept = ((CachedStringLocalizer)localizer).Count;
        for (var i = 0; i < 3; i++)
        {
            var missing = InCulture("zh-Hans", () => localizer["No such text " + i]);
            Assert.True(missing.ResourceNotFound);
            Assert.Equal("No such text " + i, missing.Value);
        }

        Assert.Equal(kept, ((CachedStringLocalizer)localizer).Count);
    }

    [Fact]
    public void A_text_with_values_is_formatted_in_the_requests_culture()
    {
        var localizer = factory.Services.GetRequiredService<IStringLocalizer<SharedResource>>();
        const string key = "API credential “{0}” saved.";
        var english = InCulture("en", () => localizer[key, 1234.5]);
        var englishAgain = InCulture("en", () => localizer[key, 1234.5]);
        var chinese = InCulture("zh-Hans", () => localizer[key, "名称"]);
        var portuguese = InCulture("pt-BR", () => localizer[key, 1234.5]);

        Assert.Equal("API credential “1234.5” saved.", english.Value);
        Assert.Equal(english.Value, englishAgain.Value);
        Assert.Contains("名称", chinese.Value, StringComparison.Ordinal);
        Assert.NotEqual(InCulture("en", () => localizer[key].Value), InCulture("zh-Hans", () => localizer[key].Value));
        Assert.Contains("1234,5", portuguese.Value, StringComparison.Ordinal);
        Assert.False(portuguese.ResourceNotFound);
    }
}
