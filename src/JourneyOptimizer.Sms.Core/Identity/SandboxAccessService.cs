using System.Security.Claims;
using JourneyOptimizer.Sms.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace JourneyOptimizer.Sms.Core.Identity;

/// <summary>Answers what a signed-in user may do in a sandbox.</summary>
public sealed class SandboxAccessService(SmsDbContext db)
{
    public async Task<SandboxAccess> GetAccessAsync(ClaimsPrincipal user, int sandboxId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.Identity?.IsAuthenticated != true)
        {
            return SandboxAccess.None;
        }

        if (user.IsInRole(PortalRoles.SystemAdministrator))
        {
            return SandboxAccess.Manage;
        }

        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier);
        if (userId is null)
        {
            return SandboxAccess.None;
        }

        var access = await db.SandboxPermissions.AsNoTracking()
            .Where(p => p.UserId == userId && p.SandboxId == sandboxId)
            .Select(p => (SandboxAccess?)p.Access)
            .FirstOrDefaultAsync(cancellationToken);
        return access ?? SandboxAccess.None;
    }
}
