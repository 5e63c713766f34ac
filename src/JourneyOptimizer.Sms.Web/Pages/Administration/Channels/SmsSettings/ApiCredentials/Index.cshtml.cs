using System.Globalization;
using JourneyOptimizer.Sms.Core.Common;
using JourneyOptimizer.Sms.Core.Credentials;
using JourneyOptimizer.Sms.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace JourneyOptimizer.Sms.Web.Pages.Administration.Channels.SmsSettings.ApiCredentials;

/// <summary>The sandbox's API credentials: search by name, keyset paging, row actions.</summary>
public sealed class IndexModel(ApiCredentialService credentials) : SandboxPageModel
{
    public const string Section = "/Administration/Channels/SmsSettings/ApiCredentials/Index";

    [FromQuery(Name = "q")]
    public string? Search { get; set; }

    [FromQuery(Name = "cursor")]
    public string? Cursor { get; set; }

    [TempData]
    public string? StatusMessage { get; set; }

    public Page<ApiCredentialListItem> Results { get; private set; } = new([], null, null);

    private string _editUrlPrefix = "";
    private string _deleteUrlPrefix = "";

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Search = Search is { Length: > ApiCredential.NameMaxLength } ? Search[..ApiCredential.NameMaxLength] : Search;
        Results = await credentials.ListAsync(Sandbox.Id, Search, Cursor, ApiCredentialService.DefaultPageSize, cancellationToken);
        _editUrlPrefix = UrlPrefix("Edit");
        _deleteUrlPrefix = UrlPrefix("Delete");
    }

    /// <summary>The Edit page of a row (same URL as <c>asp-page="Edit" asp-route-id</c>).</summary>
    public string EditUrl(int id) => _editUrlPrefix + id.ToString(CultureInfo.InvariantCulture);

    /// <summary>The Delete page of a row (same URL as <c>asp-page="Delete" asp-route-id</c>).</summary>
    public string DeleteUrl(int id) => _deleteUrlPrefix + id.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// A row page's URL up to its <c>{id}</c>, generated once per request: three links per row through the anchor tag
    /// helper cost 150 route generations for a page of 50, the largest share of the list's CPU and allocations
    /// (docs/performance.md).
    /// </summary>
    private string UrlPrefix(string page)
    {
        var url = Url.Page(page, new { sandbox = Sandbox.Name, id = 0 });
        return url is not null && url.EndsWith("/0", StringComparison.Ordinal)
            ? url[..^1]
            : throw new InvalidOperationException($"The {page} page's route no longer ends with its id: {url}");
    }
}
