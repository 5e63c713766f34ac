using JourneyOptimizer.Sms.Core;
using JourneyOptimizer.Sms.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace JourneyOptimizer.Sms.Migrations.Sqlite;

/// <summary>Lets <c>dotnet ef</c> build the SQLite model without starting the web host.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<SmsDbContext>
{
    public SmsDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<SmsDbContext>();
        DependencyInjection.ConfigureDatabase(options, DatabaseProvider.Sqlite, "Data Source=design-time.db");
        return new SmsDbContext(options.Options);
    }
}
