using System.Collections.Concurrent;
using Microsoft.AspNetCore.Mvc;

namespace JourneyOptimizer.Sms.Web.Infrastructure;

/// <summary>
/// The layout's links (the rail, the sandbox switcher, the language and sign-out forms), generated once per page, path
/// base and sandbox instead of on every request: the ten route generations of the layout were a fifth of its cost on
/// every page (docs/performance.md, third round). The URL of a page with given route values never changes while the
/// portal runs; the cache grows with the number of sandboxes only.
/// </summary>
public static class LayoutUrls
{
    private static readonly ConcurrentDictionary<(string PathBase, string Page, string? Sandbox), string> Cache = new();

    /// <summary>
    /// <c>Url.Page(page, new { sandbox })</c>, cached. Only for pages whose URL depends on nothing but the sandbox (the
    /// layout's Index pages): a route value taken from the current request would be cached with it.
    /// </summary>
    public static string? Page(IUrlHelper url, string page, string? sandbox = null)
    {
        ArgumentNullException.ThrowIfNull(url);
        var key = (url.ActionContext.HttpContext.Request.PathBase.Value ?? "", page, sandbox);
        if (Cache.TryGetValue(key, out var cached))
        {
            return cached;
        }

        var generated = sandbox is null ? url.Page(page) : url.Page(page, new { sandbox });
        return generated is null ? null : Cache.GetOrAdd(key, generated);
    }
}
