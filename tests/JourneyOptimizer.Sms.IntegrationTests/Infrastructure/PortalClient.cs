using System.Net;
using AngleSharp;
using AngleSharp.Html.Dom;

namespace JourneyOptimizer.Sms.IntegrationTests.Infrastructure;

/// <summary>
/// A browser-like client over HTTP: keeps cookies, reads forms with AngleSharp, posts them back with their
/// antiforgery token, never follows redirects by itself (tests assert them).
/// </summary>
public sealed class PortalClient(HttpClient http) : IDisposable
{
    private static readonly IBrowsingContext Browser = BrowsingContext.New(Configuration.Default);

    public HttpClient Http { get; } = http;

    public static async Task<PortalClient> SignedInAsync(PortalFactory factory, string email = PortalFactory.AdminEmail,
        string password = PortalFactory.AdminPassword)
    {
        ArgumentNullException.ThrowIfNull(factory);
        var client = new PortalClient(factory.CreateClient(factory.NoRedirects));
        var response = await client.SignInAsync(email, password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    public static PortalClient Anonymous(PortalFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        return new PortalClient(factory.CreateClient(factory.NoRedirects));
    }

    public async Task<HttpResponseMessage> SignInAsync(string email, string password)
    {
        var page = await GetDocumentAsync("/account/sign-in");
        return await SubmitAsync(page, "form", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        });
    }

    public async Task<IHtmlDocument> GetDocumentAsync(string url)
    {
        using var response = await Http.GetAsync(new Uri(url, UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url} answered {(int)response.StatusCode}: {html[..Math.Min(html.Length, 2000)]}");
        return await ParseAsync(html, url);
    }

    /// <summary>Parses a page as if it had been loaded from <paramref name="url"/> (forms without action post back there).</summary>
    public static async Task<IHtmlDocument> ParseAsync(string html, string url = "/")
    {
        var document = await Browser.OpenAsync(response => response.Content(html).Address("http://localhost" + url));
        return (IHtmlDocument)document;
    }

    /// <summary>Posts a form of the page as a browser would: its current field values, overridden by <paramref name="fields"/>.</summary>
    public async Task<HttpResponseMessage> SubmitAsync(IHtmlDocument page, string formSelector, IDictionary<string, string> fields,
        string? submitterSelector = null)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(fields);
        // A submit button may belong to another form than the one named (its form attribute), as in a browser.
        var submitter = submitterSelector is null ? null : page.QuerySelector(submitterSelector) as IHtmlButtonElement;
        var form = (submitter?.GetAttribute("form") is { Length: > 0 } owner ? page.GetElementById(owner) : page.QuerySelector(formSelector))
                   as IHtmlFormElement
                   ?? throw new InvalidOperationException($"No form '{formSelector}' on the page.");
        var values = new List<KeyValuePair<string, string>>();
        foreach (var element in form.Elements)
        {
            switch (element)
            {
                case IHtmlInputElement input when !string.IsNullOrEmpty(input.Name) && !input.IsDisabled:
                    if ((input.Type is "checkbox" or "radio") && !input.IsChecked)
                    {
                        continue;
                    }

                    if (input.Type is "submit" or "button")
                    {
                        continue;
                    }

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

        // The button that submits sends its own name and value, as in a browser.
        if (submitter is { Name.Length: > 0 } && !fields.ContainsKey(submitter.Name))
        {
            values.Add(new(submitter.Name, submitter.Value));
        }

        var action = submitter?.GetAttribute("formaction") ?? form.GetAttribute("action");
        var target = string.IsNullOrEmpty(action) ? new Uri(page.Url).PathAndQuery : Resolve(page, action);
        using var content = new FormUrlEncodedContent(values);
        return await Http.PostAsync(new Uri(target, UriKind.Relative), content);
    }

    /// <summary>A URL of the page (a link's href, a form's action) as the browser resolves it: its path and query.</summary>
    public static string Resolve(IHtmlDocument page, string url)
    {
        ArgumentNullException.ThrowIfNull(page);
        return new Uri(new Uri(page.Url), url).PathAndQuery;
    }

    /// <summary>The text of the validation message shown next to a field, or "" when there is none.</summary>
    public static string FieldError(IHtmlDocument page, string fieldName)
    {
        ArgumentNullException.ThrowIfNull(page);
        return page.QuerySelector($"[data-valmsg-for='{fieldName}']")?.TextContent.Trim() ?? "";
    }

    public static string FormError(IHtmlDocument page)
    {
        ArgumentNullException.ThrowIfNull(page);
        return page.QuerySelector(".validation-summary-errors")?.TextContent.Trim() ?? "";
    }

    public void Dispose() => Http.Dispose();
}
