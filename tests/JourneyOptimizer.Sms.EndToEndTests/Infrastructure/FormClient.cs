using System.Net;
using AngleSharp;
using AngleSharp.Html.Dom;

namespace JourneyOptimizer.Sms.EndToEndTests.Infrastructure;

/// <summary>
/// One browser's worth of HTTP in front of several portal instances, as behind a load balancer: one cookie jar for
/// 127.0.0.1 (cookies do not depend on the port), each request sent to the instance the test names. Forms are read
/// with AngleSharp and posted back with their hidden fields (the antiforgery token among them); redirects are not
/// followed, so that tests see them.
/// </summary>
public sealed class FormClient : IDisposable
{
    private static readonly IBrowsingContext Browser = BrowsingContext.New(Configuration.Default);

    private readonly HttpClient _http = new(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() })
    {
        Timeout = TimeSpan.FromSeconds(60),
    };

    /// <summary>The page at <paramref name="path"/> of the instance at <paramref name="baseUrl"/>; fails unless it answers 200.</summary>
    public async Task<IHtmlDocument> GetAsync(string baseUrl, string path)
    {
        using var response = await _http.GetAsync(new Uri(baseUrl + path));
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK,
            $"GET {baseUrl}{path} answered {(int)response.StatusCode} {response.Headers.Location}: {html[..Math.Min(html.Length, 1000)]}");
        return await ParseAsync(html, baseUrl + path);
    }

    public async Task<HttpResponseMessage> GetResponseAsync(string baseUrl, string path) => await _http.GetAsync(new Uri(baseUrl + path));

    /// <summary>
    /// Posts the page's form (<paramref name="formSelector"/>) with its current values overridden by
    /// <paramref name="fields"/>, to the same path on the instance at <paramref name="baseUrl"/>, which need not be the
    /// one that served the page.
    /// </summary>
    public async Task<HttpResponseMessage> SubmitAsync(IHtmlDocument page, string formSelector, string baseUrl,
        IDictionary<string, string> fields)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(fields);
        var form = page.QuerySelector(formSelector) as IHtmlFormElement ?? throw new InvalidOperationException($"No form '{formSelector}' on {page.Url}.");
        var values = new List<KeyValuePair<string, string>>();
        foreach (var element in form.Elements)
        {
            switch (element)
            {
                case IHtmlInputElement input when !string.IsNullOrEmpty(input.Name) && !input.IsDisabled
                                                  && (input.Type is not ("checkbox" or "radio") || input.IsChecked)
                                                  && input.Type is not ("submit" or "button"):
                    values.Add(new(input.Name!, input.Value));
                    break;
                case IHtmlSelectElement select when !string.IsNullOrEmpty(select.Name) && !select.IsDisabled:
                    values.Add(new(select.Name!, select.Value ?? ""));
                    break;
                case IHtmlTextAreaElement area when !string.IsNullOrEmpty(area.Name) && !area.IsDisabled:
                    values.Add(new(area.Name!, area.Value));
                    break;
            }
        }

        foreach (var (name, value) in fields)
        {
            values.RemoveAll(v => v.Key == name);
            values.Add(new(name, value));
        }

        var action = form.GetAttribute("action");
        var target = new Uri(new Uri(page.Url), string.IsNullOrEmpty(action) ? page.Url : action).PathAndQuery;
        using var content = new FormUrlEncodedContent(values);
        return await _http.PostAsync(new Uri(baseUrl + target), content);
    }

    public static async Task<IHtmlDocument> ParseAsync(string html, string url) =>
        (IHtmlDocument)await Browser.OpenAsync(response => response.Content(html).Address(url));

    public void Dispose() => _http.Dispose();
}
