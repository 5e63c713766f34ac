using JourneyOptimizer.Sms.Core;
using JourneyOptimizer.Sms.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace JourneyOptimizer.Sms.Migrations.PostgreSql;

/// <summary>Lets <c>dotnet ef</c> build the PostgreSQL model without a server (no connection is opened).</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<SmsDbContext>
{
    public SmsDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<SmsDbContext>();
        DependencyInjection.ConfigureDatabase(options, DatabaseProvider.PostgreSql,
            "Host=localhost;Database=journeyoptimizer_sms;Username=portal");
        return new SmsDbContext(options.Options);
    }
}
