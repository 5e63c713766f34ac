namespace JourneyOptimizer.Sms.Core.Data;

/// <summary>Which database the portal uses. Bound from the <c>Database</c> section.</summary>
public sealed class DatabaseOptions
{
    public const string SectionName = "Database";

    /// <summary>The name of the connection string in <c>ConnectionStrings</c>.</summary>
    public const string ConnectionStringName = "Portal";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>From <c>ConnectionStrings:Portal</c>; for SQLite it defaults to <c>App_Data/portal.db</c> under the content root.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// Apply pending migrations on start (SQLite and PostgreSQL; SQL Server is migrated with scripts or bundles). EF
    /// Core takes a database lock while it migrates, so instances starting together apply a migration once.
    /// </summary>
    public bool MigrateOnStart { get; set; } = true;

    /// <summary>
    /// EF Core's check that a DbContext is not used by two operations at once. It sets an AsyncLocal (a copy of the
    /// request's execution context) on entering and leaving every query and every row read, so a 50-row page pays for
    /// it about a hundred times. It only ever finds programming errors: on in development and in the tests (the
    /// default), off in production (appsettings.json).
    /// </summary>
    public bool ThreadSafetyChecks { get; set; } = true;
}

public enum DatabaseProvider
{
    Sqlite = 0,
    SqlServer = 1,
    PostgreSql = 2,
}
