using System.Security.Claims;
using System.Text.Encodings.Web;
using JourneyOptimizer.Sms.Core.Identity;
using JourneyOptimizer.Sms.Core.Identity.ApiKeys;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace JourneyOptimizer.Sms.Web.Api;

/// <summary>
/// Authenticates <c>Authorization: Bearer &lt;API key&gt;</c>. The principal is the one Identity builds for the key's
/// user at sign-in (id, name, roles), so the API asks the same permission questions as the pages; the key's public
/// prefix is added as <see cref="KeyPrefixClaim"/> to tell the keys of one user apart.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeyService keys,
    UserManager<PortalUser> users,
    IUserClaimsPrincipalFactory<PortalUser> principals)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string KeyPrefixClaim = "api_key";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (string.IsNullOrEmpty(header))
        {
            return AuthenticateResult.NoResult();
        }

        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.Fail("Not a bearer token.");
        }

        var owner = await keys.AuthenticateAsync(header["Bearer ".Length..].Trim(), Context.RequestAborted);
        var user = owner is null ? null : await users.FindByIdAsync(owner.UserId);
        if (owner is null || user is null)
        {
            // Never the key, nor its prefix: a log line must not help whoever guesses keys.
            return AuthenticateResult.Fail("Unknown, expired or revoked API key.");
        }

        var principal = await principals.CreateAsync(user);
        ((ClaimsIdentity)principal.Identity!).AddClaim(new Claim(KeyPrefixClaim, owner.Prefix));
        var identity = new ClaimsIdentity(principal.Claims, SchemeName, ClaimTypes.Name, ClaimTypes.Role);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer";
        return base.HandleChallengeAsync(properties);
    }
}
