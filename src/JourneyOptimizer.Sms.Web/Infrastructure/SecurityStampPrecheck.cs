using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace JourneyOptimizer.Sms.Web.Infrastructure;

/// <summary>
/// Runs Identity's security-stamp validation only when it is due. Identity's own check resolves its validator from the
/// request's services, which builds a sign-in manager, a user manager and a user store on every authenticated request,
/// only to find, in most of them, that the session was checked less than an interval ago and there is nothing to do
/// (5% of the CPU of a signed-in page; docs/performance.md, sixth round). This asks the same question first, with the
/// same interval and clock (<see cref="SecurityStampValidatorOptions"/>), and hands every due session to Identity.
/// </summary>
public static class SecurityStampPrecheck
{
    /// <summary>Wraps <paramref name="validate"/> (Identity's <c>OnValidatePrincipal</c>) so it runs only when due.</summary>
    public static Func<CookieValidatePrincipalContext, Task> WhenDue(Func<CookieValidatePrincipalContext, Task> validate)
    {
        ArgumentNullException.ThrowIfNull(validate);
        return context => IsDue(context) ? validate(context) : Task.CompletedTask;
    }

    /// <summary>
    /// The condition of Identity's <c>SecurityStampValidator.ValidateAsync</c>: no issue time, or more than the
    /// validation interval since the session was issued (or last renewed).
    /// </summary>
    public static bool IsDue(CookieValidatePrincipalContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Properties.IssuedUtc is not { } issued)
        {
            return true;
        }

        var options = context.HttpContext.RequestServices.GetRequiredService<IOptions<SecurityStampValidatorOptions>>().Value;
        var now = (options.TimeProvider ?? TimeProvider.System).GetUtcNow();
        return now - issued > options.ValidationInterval;
    }
}
