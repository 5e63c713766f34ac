using System.Runtime.InteropServices;
using SQLitePCL;

namespace JourneyOptimizer.Sms.Core.Data;

/// <summary>
/// Puts SQLite in its multi-thread mode before the portal opens its first connection (docs/performance.md, twelfth
/// round). The library Microsoft.Data.Sqlite loads is built serialized: every call into a connection, each column of
/// each row included, locks and unlocks that connection's mutex, so that one connection could be used by several threads
/// at once. The portal never does that (a DbContext, a <see cref="SqliteConnection"/> and a lease of
/// <see cref="SqliteReadConnections"/> each serve one request at a time; Microsoft.Data.Sqlite does not support
/// concurrent use of a connection anyway), and the locks were 2.3% of the channel configurations list. In multi-thread
/// mode a connection has no mutex; SQLite's own shared state (the page cache, the allocator) keeps its locks.
/// </summary>
/// <remarks>
/// SQLite takes the setting only before it initializes, which its first open does: called later (a test host after
/// another in the same process, a tool that opened a database first), it changes nothing, and SQLite stays serialized,
/// which is correct, only slower. <see cref="IsMultiThread"/> tells which mode a connection got.
/// </remarks>
public static class SqliteThreading
{
    // SQLITE_OK, or SQLITE_MISUSE when SQLite had already initialized.
    private static readonly Lazy<int> Result = new(() =>
    {
        Batteries_V2.Init();
        return raw.sqlite3_config(raw.SQLITE_CONFIG_MULTITHREAD);
    });

    /// <summary>
    /// Asks for multi-thread mode once per process. Whether SQLite took it shows on a connection (<see cref="IsMultiThread"/>),
    /// which the start-up logs.
    /// </summary>
    public static void Configure() => _ = Result.Value;

    /// <summary>True when the open connection <paramref name="database"/> has no mutex of its own (multi-thread mode).</summary>
    public static bool IsMultiThread(sqlite3 database)
    {
        ArgumentNullException.ThrowIfNull(database);
        return Native.sqlite3_db_mutex(database.DangerousGetHandle()) == 0;
    }

    private static class Native
    {
        [DllImport(SqliteStatement.Library, CallingConvention = CallingConvention.Cdecl)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        internal static extern nint sqlite3_db_mutex(nint database);
    }
}
