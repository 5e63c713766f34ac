using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.Extensions.Options;

namespace JourneyOptimizer.Sms.Web.Infrastructure;

/// <summary>
/// MVC's cookie TempData provider, without its one needless answer: a page whose model has a <c>[TempData]</c> property
/// (every list, for its status message) saves TempData on every request, and with nothing to keep MVC's provider deletes
/// the cookie, a <c>Set-Cookie</c> header with an expiry date in 1970 on every page, whether the browser had the cookie
/// or not. Here the deletion is sent only when the request carried the cookie (or one of its chunks); everything else
/// is MVC's provider unchanged (docs/performance.md, seventh round).
/// </summary>
internal sealed class QuietTempDataProvider(CookieTempDataProvider inner, IOptions<CookieTempDataProviderOptions> options)
    : ITempDataProvider
{
    private readonly string cookieName = options.Value.Cookie.Name ?? CookieTempDataProvider.CookieName;

    public IDictionary<string, object> LoadTempData(HttpContext context) => inner.LoadTempData(context);

    public void SaveTempData(HttpContext context, IDictionary<string, object> values)
    {
        ArgumentNullException.ThrowIfNull(context);
        if ((values is null || values.Count == 0) && !HasCookie(context.Request))
        {
            return;
        }

        inner.SaveTempData(context, values!);
    }

    // The cookie may be split into chunks named after it (".AspNetCore.Mvc.CookieTempDataProviderC1", ...).
    private bool HasCookie(HttpRequest request)
    {
        foreach (var cookie in request.Cookies)
        {
            if (cookie.Key.StartsWith(cookieName, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
