using System.Xml.Linq;
using JourneyOptimizer.Sms.Core;
using JourneyOptimizer.Sms.Core.Data;
using JourneyOptimizer.Sms.Core.Security;
using JourneyOptimizer.Sms.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace JourneyOptimizer.Sms.IntegrationTests.Account;

/// <summary>
/// The portal's key ring gets AES-256-GCM keys (docs/decisions/0010), the sign-in cookie, the antiforgery tokens and
/// the stored secrets work with them, and what a key from before the change protected stays readable.
/// </summary>
public sealed class DataProtectionTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static string Algorithm(string keyXml) =>
        XElement.Parse(keyXml).Descendants("encryption").Single().Attribute("algorithm")!.Value;

    [Fact]
    public async Task The_portal_creates_GCM_keys_and_signs_in_posts_and_protects_secrets_with_them()
    {
        using var client = await PortalClient.SignedInAsync(factory);

        // The cookie is read back and the page's antiforgery token is accepted: a sandbox is created through the form.
        var form = await client.GetDocumentAsync("/administration/sandboxes/create");
        var response = await client.SubmitAsync(form, "main form", new Dictionary<string, string>
        {
            ["Input.Name"] = "gcm-keys",
            ["Input.Title"] = "GCM keys",
        });
        Assert.True(response.IsSuccessStatusCode || (int)response.StatusCode == 302, $"create answered {(int)response.StatusCode}");
        Assert.True(await factory.WithDbAsync(db => db.Sandboxes.AnyAsync(s => s.Name == "gcm-keys")));

        var protector = factory.Services.GetRequiredService<ISecretProtector>();
        Assert.Equal("a secret", protector.Unprotect(protector.Protect("a secret")));

        var keys = await factory.WithDbAsync(db => db.DataProtectionKeys.Select(k => k.Xml!).ToListAsync());
        Assert.NotEmpty(keys);
        Assert.All(keys, key => Assert.Equal("AES_256_GCM", Algorithm(key)));
    }

    [Fact]
    public async Task A_secret_protected_with_a_key_from_before_the_change_stays_readable_and_new_keys_use_GCM()
    {
        var folder = Directory.CreateTempSubdirectory("jo-sms-dp-");
        try
        {
            var path = Path.Combine(folder.FullName, "portal.db");
            string protectedBefore;

            // Before: Data Protection's default algorithms (AES-256-CBC with HMAC-SHA256), as the portal configured it.
            await using (var before = Services(path, services => services.AddDataProtection()
                .SetApplicationName(DataProtectionSecretProtector.ApplicationName).PersistKeysToDbContext<SmsDbContext>()))
            {
                await using (var scope = before.CreateAsyncScope())
                {
                    await scope.ServiceProvider.GetRequiredService<SmsDbContext>().Database.MigrateAsync(TestContext.Current.CancellationToken);
                }

                protectedBefore = before.GetRequiredService<ISecretProtector>().Protect("stored before");
            }

            await using var after = Services(path, services => services.AddPortalDataProtection());
            Assert.Equal("stored before", after.GetRequiredService<ISecretProtector>().Unprotect(protectedBefore));

            var keys = after.GetRequiredService<IKeyManager>();
            var old = Assert.Single(keys.GetAllKeys());
            Assert.Equal("AES_256_CBC", Algorithm(old.Descriptor.ExportToXml().SerializedDescriptorElement.ToString()));
            var rotated = keys.CreateNewKey(DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddDays(90));
            Assert.Equal("AES_256_GCM", Algorithm(rotated.Descriptor.ExportToXml().SerializedDescriptorElement.ToString()));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }

    private static ServiceProvider Services(string databasePath, Action<IServiceCollection> dataProtection)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"ConnectionStrings:{DatabaseOptions.ConnectionStringName}"] = new SqliteConnectionStringBuilder { DataSource = databasePath }.ToString(),
            [$"{DatabaseOptions.SectionName}:Provider"] = nameof(DatabaseProvider.Sqlite),
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddSmsCore(AppContext.BaseDirectory);
        dataProtection(services);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }
}
