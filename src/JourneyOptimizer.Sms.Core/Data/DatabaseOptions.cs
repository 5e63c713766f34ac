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

    /// <summary>Apply pending migrations on start (SQLite only; SQL Server is migrated with scripts or bundles).</summary>
    public bool MigrateOnStart { get; set; } = true;
}

public enum DatabaseProvider
{
    Sqlite = 0,
    SqlServer = 1,
}
