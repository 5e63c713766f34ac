using JourneyOptimizer.Sms.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace JourneyOptimizer.Sms.Web.Infrastructure;

/// <summary>Ready when the database answers a query.</summary>
public sealed class DatabaseHealthCheck(SmsDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            return await db.Database.CanConnectAsync(cancellationToken)
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy("The database cannot be reached.");
        }
#pragma warning disable CA1031 // A health check reports any failure as Unhealthy instead of throwing.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return HealthCheckResult.Unhealthy("The database cannot be reached.", ex);
        }
    }
}
