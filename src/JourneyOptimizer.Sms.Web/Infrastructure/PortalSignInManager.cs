using System.Security.Claims;
using JourneyOptimizer.Sms.Core.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace JourneyOptimizer.Sms.Web.Infrastructure;

/// <summary>
/// Identity's sign-in manager, plus: a disabled user cannot sign in (the sign-in page says so), and a session of a
/// disabled user fails its next security-stamp validation (see <see cref="SecurityStampOptions"/>).
/// </summary>
public sealed class PortalSignInManager(
    UserManager<PortalUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<PortalUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<PortalUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<PortalUser> confirmation)
    : SignInManager<PortalUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    public override async Task<bool> CanSignInAsync(PortalUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return !user.IsDisabled && await base.CanSignInAsync(user);
    }

    public override async Task<PortalUser?> ValidateSecurityStampAsync(ClaimsPrincipal? principal)
    {
        var user = await base.ValidateSecurityStampAsync(principal);
        return user is { IsDisabled: false } ? user : null;
    }
}

/// <summary>
/// How often a signed-in session is fully checked against the database (user, disabled flag, roles; the cookie is
/// renewed): <c>Identity:SecurityStampValidationInterval</c>, default one minute. A user whose System administrator role
/// was revoked loses that access within this interval. The security stamp alone is compared on every request
/// (<see cref="PortalSecurityStampValidator"/>), so a sign-out or a disabled account ends its sessions at once. Zero
/// does the full check on every request.
/// </summary>
public sealed class SecurityStampOptions
{
    public const string SectionName = "Identity";

    public TimeSpan SecurityStampValidationInterval { get; set; } = TimeSpan.FromMinutes(1);
}
