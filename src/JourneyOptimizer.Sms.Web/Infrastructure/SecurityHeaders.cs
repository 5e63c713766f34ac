using Microsoft.Extensions.Primitives;

namespace JourneyOptimizer.Sms.Web.Infrastructure;

/// <summary>
/// The security headers of every response (pages, static files, error pages, health checks, webhook answers):
/// <list type="bullet">
/// <item><c>Content-Security-Policy</c>: scripts, styles, fonts and requests only from the portal itself (no inline
/// script or style, no eval), images also as <c>data:</c> (Bootstrap's form icons), no plugins, forms post only to the
/// portal, no <c>&lt;base&gt;</c> elsewhere, and no framing (<c>frame-ancestors 'none'</c>);</item>
/// <item><c>X-Frame-Options: DENY</c> for browsers without CSP level 2 (it replaces the SAMEORIGIN antiforgery writes
/// on pages with a form);</item>
/// <item><c>X-Content-Type-Options: nosniff</c>;</item>
/// <item><c>Referrer-Policy: no-referrer</c>: a page whose URL holds a token (set-password, setup) never sends it on.</item>
/// </list>
/// Set when the response starts, so that they survive the exception handler, which clears the headers of a failed
/// response before it renders the error page.
/// </summary>
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
        "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    private static readonly StringValues Csp = ContentSecurityPolicy;
    private static readonly StringValues Deny = "DENY";
    private static readonly StringValues NoSniff = "nosniff";
    private static readonly StringValues NoReferrer = "no-referrer";

    private static readonly Func<object, Task> Apply = state =>
    {
        var headers = ((HttpResponse)state).Headers;
        headers.ContentSecurityPolicy = Csp;
        headers.XFrameOptions = Deny;
        headers.XContentTypeOptions = NoSniff;
        headers["Referrer-Policy"] = NoReferrer;
        return Task.CompletedTask;
    };

    /// <summary>Adds the headers to every response of the pipeline after this call: call it first.</summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.Use((context, next) =>
        {
            context.Response.OnStarting(Apply, context.Response);
            return next(context);
        });
    }
}
