using JourneyOptimizer.Sms.Core;
using JourneyOptimizer.Sms.Core.Data;
using JourneyOptimizer.Sms.Core.Security;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace JourneyOptimizer.Sms.Performance.Seeder;

/// <summary>
/// The portal's own core services on a SQLite file, wired as <c>Program.cs</c> wires them: the same
/// <see cref="SmsDbContext"/>, the same services and validators, and Data Protection with the same application name
/// and its key ring persisted in the same database, so that the portal can unprotect what the seeder protects.
/// </summary>
public static class PortalServices
{
    public static ServiceProvider Build(string connectionString, LogLevel minimumLevel = LogLevel.Warning)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                [$"ConnectionStrings:{DatabaseOptions.ConnectionStringName}"] = connectionString,
                [$"{DatabaseOptions.SectionName}:Provider"] = nameof(DatabaseProvider.Sqlite),
            })
            .Build();

        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(logging => logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(minimumLevel));
        services.AddSmsCore(AppContext.BaseDirectory);
        services.AddPortalDataProtection();
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }
}
