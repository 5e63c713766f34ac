using JourneyOptimizer.Sms.Core;
using JourneyOptimizer.Sms.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace JourneyOptimizer.Sms.Migrations.SqlServer;

/// <summary>Lets <c>dotnet ef</c> build the SQL Server model without a server (no connection is opened).</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<SmsDbContext>
{
    public SmsDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<SmsDbContext>();
        DependencyInjection.ConfigureDatabase(options, DatabaseProvider.SqlServer,
            "Server=(local);Database=JourneyOptimizerSms;Integrated Security=true;TrustServerCertificate=true");
        return new SmsDbContext(options.Options);
    }
}
