using JourneyOptimizer.Sms.Core.Data;
using JourneyOptimizer.Sms.Core.Identity;
using JourneyOptimizer.Sms.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace JourneyOptimizer.Sms.IntegrationTests.Users;

/// <summary>Users with given permissions, created through Identity (real password hashing) and the real tables.</summary>
public static class TestUsers
{
    public const string Password = "Us3r!Passw0rd";

    public static string Email(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..24] + "@example.com";

    public static async Task<string> CreateAsync(PortalFactory factory, string email, bool systemAdministrator = false,
        params (int SandboxId, SandboxAccess Access)[] permissions)
    {
        ArgumentNullException.ThrowIfNull(factory);
        ArgumentNullException.ThrowIfNull(permissions);
        await using var scope = factory.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = new PortalUser { UserName = email, Email = email, EmailConfirmed = true, LockoutEnabled = true, CreatedAtUtc = DateTime.UtcNow };
        var created = await users.CreateAsync(user, Password);
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
        if (systemAdministrator)
        {
            Assert.True((await users.AddToRoleAsync(user, PortalRoles.SystemAdministrator)).Succeeded);
        }

        var db = scope.ServiceProvider.GetRequiredService<SmsDbContext>();
        foreach (var (sandboxId, access) in permissions)
        {
            db.SandboxPermissions.Add(new SandboxPermission { UserId = user.Id, SandboxId = sandboxId, Access = access });
        }

        await db.SaveChangesAsync();
        return user.Id;
    }
}
