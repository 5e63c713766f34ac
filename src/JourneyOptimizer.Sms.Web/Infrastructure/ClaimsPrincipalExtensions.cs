using System.Security.Claims;
using JourneyOptimizer.Sms.Core.Common;
using JourneyOptimizer.Sms.Core.Identity;

namespace JourneyOptimizer.Sms.Web.Infrastructure;

public static class ClaimsPrincipalExtensions
{
    public static Actor ToActor(this ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return new Actor(
            user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "unknown",
            user.Identity?.Name ?? "unknown");
    }

    public static bool IsSystemAdministrator(this ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.IsInRole(PortalRoles.SystemAdministrator);
    }
}
