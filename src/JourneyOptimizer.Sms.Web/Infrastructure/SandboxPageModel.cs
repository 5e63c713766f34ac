using System.Collections.Concurrent;
using JourneyOptimizer.Sms.Core.Common;
using JourneyOptimizer.Sms.Core.Sandboxes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace JourneyOptimizer.Sms.Web.Infrastructure;

/// <summary>Base of the pages below a sandbox: the resolved sandbox, the user's access, the acting user.</summary>
public abstract class SandboxPageModel : PageModel
{
    private SandboxContext? _sandboxContext;

    /// <summary>
    /// Resolved once per page: views read <see cref="CanManage"/> and <see cref="Sandbox"/> on every table row, and each
    /// scoped-service lookup takes the request scope's lock (docs/performance.md).
    /// </summary>
    private SandboxContext SandboxContext => _sandboxContext ??= HttpContext.RequestServices.GetRequiredService<SandboxContext>();

    public SandboxRef Sandbox => SandboxContext.Sandbox;

    public bool CanManage => SandboxContext.CanManage;

    protected Actor Actor => User.ToActor();

    /// <summary>
    /// A row page's URL in this sandbox up to its <c>{id}</c> (same URL as <c>asp-page</c> + <c>asp-route-id</c> without
    /// the id): three links per row through the anchor tag helper cost 150 route generations for a page of 50, the
    /// largest share of the list's CPU and allocations (docs/performance.md). Generated once per path base, page and
    /// sandbox while the portal runs, as <see cref="LayoutUrls"/> does for the layout's links (eighth round): it depends
    /// on nothing else.
    /// </summary>
    protected string RowUrlPrefix(string page)
    {
        var key = (Request.PathBase.Value ?? "", PageContext.ActionDescriptor.ViewEnginePath, page, Sandbox.Name);
        if (RowUrlPrefixes.TryGetValue(key, out var cached))
        {
            return cached;
        }

        var url = Url.Page(page, new { sandbox = Sandbox.Name, id = 0 });
        return url is not null && url.EndsWith("/0", StringComparison.Ordinal)
            ? RowUrlPrefixes.GetOrAdd(key, url[..^1])
            : throw new InvalidOperationException($"The {page} page's route no longer ends with its id: {url}");
    }

    private static readonly ConcurrentDictionary<(string PathBase, string From, string Page, string Sandbox), string> RowUrlPrefixes = new();

    /// <summary>
    /// <paramref name="url"/> (a path generated for this portal) relative to the page being answered, when it is below
    /// the page's folder: a list's row links say <c>apicredentials/edit/</c> instead of
    /// <c>/sandboxes/prod/administration/channels/smssettings/apicredentials/edit/</c>, a tenth of a list page's bytes
    /// (docs/performance.md, sixth round). The folder is taken from the URL the browser asked for (path base and path),
    /// so a trailing slash or an unusual casing still resolves to the same page; anything else stays absolute.
    /// </summary>
    protected string RelativeToRequest(string url) => RelativeUrl.From((Request.PathBase + Request.Path).ToUriComponent(), url);
}
