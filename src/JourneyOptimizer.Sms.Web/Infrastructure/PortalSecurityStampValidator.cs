using System.Security.Claims;
using JourneyOptimizer.Sms.Core.Data;
using JourneyOptimizer.Sms.Core.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace JourneyOptimizer.Sms.Web.Infrastructure;

/// <summary>
/// Identity's security-stamp validator, checking the stamp on every request. Identity compares a session's stamp with the
/// user's only every <see cref="SecurityStampValidatorOptions.ValidationInterval"/>, so a cookie captured before a
/// sign-out kept working until then. Between those full checks (user, roles, disabled flag, cookie renewal, which stay
/// Identity's own), this compares the stamp in the cookie with the stored one by primary key: a session ends at its
/// next request once the stamp changes (sign-out, "Sign out everywhere", a new password, disabling).
/// </summary>
public sealed class PortalSecurityStampValidator(
    IOptions<SecurityStampValidatorOptions> options,
    SignInManager<PortalUser> signInManager,
    ILoggerFactory logger,
    IOptions<IdentityOptions> identityOptions,
    SmsDbContext db)
    : SecurityStampValidator<PortalUser>(options, signInManager, logger)
{
    // The stamp of an enabled user (null for a disabled or deleted one): one seek on the primary key, compiled once.
    private static readonly Func<SmsDbContext, string, CancellationToken, Task<string?>> CurrentStamp =
        EF.CompileAsyncQuery((SmsDbContext context, string id, CancellationToken cancellationToken) =>
            context.Users.Where(u => u.Id == id && !u.IsDisabled).Select(u => u.SecurityStamp).FirstOrDefault());

    public override async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var issued = context.Properties.IssuedUtc;
        if (issued is null || TimeProvider.GetUtcNow() - issued.Value > Options.ValidationInterval)
        {
            await base.ValidateAsync(context);
            return;
        }

        var claims = identityOptions.Value.ClaimsIdentity;
        var userId = context.Principal?.FindFirstValue(claims.UserIdClaimType);
        var stamp = context.Principal?.FindFirstValue(claims.SecurityStampClaimType);
        if (userId is not null && stamp is not null
            && string.Equals(stamp, await CurrentStamp(db, userId, context.HttpContext.RequestAborted), StringComparison.Ordinal))
        {
            return;
        }

        // As Identity does when its own check fails.
        context.RejectPrincipal();
        await SignInManager.SignOutAsync();
        await SignInManager.Context.SignOutAsync(IdentityConstants.TwoFactorRememberMeScheme);
    }
}
