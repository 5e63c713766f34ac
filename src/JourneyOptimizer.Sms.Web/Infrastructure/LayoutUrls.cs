using System.Collections.Concurrent;
using System.Text;
using System.Text.Encodings.Web;
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
    private static readonly ConcurrentDictionary<(string PathBase, string? From, string Page, string? Sandbox), string> Cache = new();

    /// <summary>
    /// <c>Url.Page(page, new { sandbox })</c>, cached. Only for pages whose URL depends on nothing but the sandbox (the
    /// layout's Index pages, the lists' own pages): a route value taken from the current request would be cached with it.
    /// </summary>
    public static string? Page(IUrlHelper url, string page, string? sandbox = null)
    {
        ArgumentNullException.ThrowIfNull(url);
        // A relative page name ("Index", "Create") is resolved from the page being answered: it is part of the key.
        var from = page.StartsWith('/') ? null : url.ActionContext.RouteData.Values["page"] as string;
        var key = (url.ActionContext.HttpContext.Request.PathBase.Value ?? "", from, page, sandbox);
        if (Cache.TryGetValue(key, out var cached))
        {
            return cached;
        }

        var generated = sandbox is null ? url.Page(page) : url.Page(page, new { sandbox });
        return generated is null ? null : Cache.GetOrAdd(key, generated);
    }

    /// <summary>
    /// <c>Url.Page(page, handler, new { sandbox, name = value, ... })</c> for a list's own links (its pages, the forms of
    /// its rows' actions): the cached path of <see cref="Page(IUrlHelper, string, string?)"/>, then the query values that
    /// are not empty in the given order and the handler last, each encoded with <see cref="UrlEncoder.Default"/>, as the
    /// link generator writes them (not with the portal's configured encoder, which leaves non-ASCII letters as they are;
    /// ListUrlTests compares the two). Route generation was 2-3% of a list's CPU (docs/performance.md, tenth round).
    /// </summary>
    public static string? Page(IUrlHelper url, string page, string sandbox, string? handler, params ReadOnlySpan<(string Name, string? Value)> query)
    {
        var path = Page(url, page, sandbox);
        if (path is null)
        {
            return null;
        }

        StringBuilder? built = null;
        foreach (var (name, value) in query)
        {
            Append(ref built, path, name, value);
        }

        Append(ref built, path, "handler", handler);
        return built?.ToString() ?? path;
    }

    private static void Append(ref StringBuilder? built, string path, string name, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        var encoder = UrlEncoder.Default;
        if (built is null)
        {
            built = new StringBuilder(path, path.Length + 64).Append('?');
        }
        else
        {
            built.Append('&');
        }

        built.Append(encoder.Encode(name)).Append('=').Append(encoder.Encode(value));
    }
}
