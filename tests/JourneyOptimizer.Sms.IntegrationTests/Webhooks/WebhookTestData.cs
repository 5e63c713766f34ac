using JourneyOptimizer.Sms.Core.Credentials;
using JourneyOptimizer.Sms.Core.Credentials.Custom;
using JourneyOptimizer.Sms.Core.Identity;
using JourneyOptimizer.Sms.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace JourneyOptimizer.Sms.IntegrationTests.Webhooks;

public static class WebhookTestData
{
    public static string WebhooksUrl(string sandbox) => $"/sandboxes/{sandbox}/administration/channels/smssettings/webhooks";

    /// <summary>A Custom credential written straight to the database (its provider is never called by these pages).</summary>
    public static Task<int> CustomCredentialAsync(PortalFactory factory, int sandboxId, string name) =>
        factory.WithDbAsync(async db =>
        {
            var credential = new CustomCredential
            {
                SandboxId = sandboxId,
                Name = name,
                NormalizedName = ApiCredential.NormalizeName(name),
                ProviderName = "acme",
                ProviderUrl = "https://sms.example.com/send",
                ConfigurationJson = "{}",
                SecretsProtected = "",
                Address = "SMS",
                CreatedBy = "seed",
                ModifiedBy = "seed",
                CreatedAtUtc = DateTime.UtcNow,
                ModifiedAtUtc = DateTime.UtcNow,
                Version = 1,
            };
            db.ApiCredentials.Add(credential);
            await db.SaveChangesAsync();
            return credential.Id;
        });

    /// <summary>A user with View (or Manage) permission on one sandbox only.</summary>
    public static async Task<(string Email, string Password)> UserAsync(PortalFactory factory, int sandboxId, SandboxAccess access)
    {
        var email = $"user-{Guid.NewGuid():N}@example.com";
        const string password = "V1ewer!Pass";
        await using var scope = factory.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = new PortalUser { UserName = email, Email = email, LockoutEnabled = true };
        Assert.True((await users.CreateAsync(user, password)).Succeeded);
        var db = scope.ServiceProvider.GetRequiredService<Core.Data.SmsDbContext>();
        db.SandboxPermissions.Add(new SandboxPermission { UserId = user.Id, SandboxId = sandboxId, Access = access });
        await db.SaveChangesAsync();
        return (email, password);
    }
}
