using System.Security.Claims;
using JourneyOptimizer.Sms.Core.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace JourneyOptimizer.Sms.Web.Infrastructure;

/// <summary>
/// Identity's sign-in manager, plus: a disabled user cannot sign in (the sign-in page says so, but only to whoever typed
/// the right password), a session of a disabled user fails its next security-stamp validation (see
/// <see cref="SecurityStampOptions"/>), and every password sign-in costs one password hash, whether the email exists or
/// not, so that the time of the answer does not tell (a wrong password took about 70 ms, an unknown email 2 ms).
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
    // A hash of a random password, made once by the portal's own hasher (so with its iteration count): an unknown email's
    // password is checked against it.
    private static string? decoyHash;

    public override async Task<SignInResult> PasswordSignInAsync(string userName, string password, bool isPersistent, bool lockoutOnFailure)
    {
        ArgumentNullException.ThrowIfNull(password);
        var user = await UserManager.FindByNameAsync(userName);
        if (user is null)
        {
            var hasher = UserManager.PasswordHasher;
            var decoy = new PortalUser();
            decoyHash ??= hasher.HashPassword(decoy, Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24)));
            hasher.VerifyHashedPassword(decoy, decoyHash, password);
            return SignInResult.Failed;
        }

        return await PasswordSignInAsync(user, password, isPersistent, lockoutOnFailure);
    }

    /// <summary>
    /// A disabled (or locked) account's password is checked like any other: only the right password learns that the
    /// account is disabled; a wrong one gets the answer of a wrong password, after the same work.
    /// </summary>
    public override async Task<SignInResult> CheckPasswordSignInAsync(PortalUser user, string password, bool lockoutOnFailure)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (await CanSignInAsync(user) && !(UserManager.SupportsUserLockout && await UserManager.IsLockedOutAsync(user)))
        {
            return await base.CheckPasswordSignInAsync(user, password, lockoutOnFailure);
        }

        return await UserManager.CheckPasswordAsync(user, password)
            ? await base.CheckPasswordSignInAsync(user, password, lockoutOnFailure)
            : SignInResult.Failed;
    }

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
