using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using SQLitePCL;

namespace JourneyOptimizer.Sms.Core.Data;

/// <summary>
/// Open, read-only SQLite connections for the portal's busiest reads (the lists, the credential of the Edit page), each
/// keeping the statements it has prepared. Through EF, every such read opened a connection (which registers EF's SQL
/// functions on it again), parsed and planned its SQL, ran it through EF's query pipeline and closed the connection:
/// about 100 µs of CPU per query before the first row (docs/performance.md, eighth round; docs/decisions/0009). Here a
/// request rents a connection, runs a statement prepared the first time that connection ran it, and gives it back.
/// </summary>
/// <remarks>
/// Only for SQLite: on SQL Server <see cref="IsAvailable"/> is false and the services read through EF. The connections
/// are <c>query_only</c>, so a statement run here cannot write, and they are not pooled by Microsoft.Data.Sqlite, so a
/// closed one is closed for good instead of being handed to EF. Disposing a reader resets its statement, which ends
/// the statement's read transaction: an idle connection holds no snapshot, so the next read sees every committed write
/// and WAL checkpoints are not held back.
/// </remarks>
public sealed class SqliteReadConnections(IOptions<DatabaseOptions> options) : IDisposable
{
    /// <summary>How many idle connections are kept; a burst beyond it opens more, which are closed when given back.</summary>
    public const int MaxIdle = 32;

    private readonly ConcurrentQueue<Lease> idle = new();
    private readonly Lazy<bool> isAvailable = new(() => options.Value is { Provider: DatabaseProvider.Sqlite, PreparedReads: true } database
        && new SqliteConnectionStringBuilder(database.ConnectionString) is var builder
        && builder.Mode != SqliteOpenMode.Memory
        && builder.DataSource is { Length: > 0 } dataSource
        && !string.Equals(dataSource, ":memory:", StringComparison.OrdinalIgnoreCase));
    private int idleCount;
    private volatile bool disposed;

    /// <summary>
    /// True when the portal's database is a SQLite file and <see cref="DatabaseOptions.PreparedReads"/> is on. An
    /// in-memory database exists only on the connection that opened it, so connections of its own would see none.
    /// </summary>
    public bool IsAvailable => isAvailable.Value;

    /// <summary>A connection for one read; dispose it (or the <c>using</c> around it) to give it back.</summary>
    public Lease Rent()
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if (idle.TryDequeue(out var lease))
        {
            Interlocked.Decrement(ref idleCount);
            return lease;
        }

        if (!IsAvailable)
        {
            throw new InvalidOperationException("Prepared reads are off, or the portal's database is not a SQLite file.");
        }

        // Not from (nor back to) Microsoft.Data.Sqlite's pool: a connection closed here is query-only, and from that pool
        // EF would get it for a write ("attempt to write a readonly database").
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder(options.Value.ConnectionString) { Pooling = false }.ToString());
        try
        {
            connection.Open();
            using var queryOnly = connection.CreateCommand();
            queryOnly.CommandText = "PRAGMA query_only = ON;";
            queryOnly.ExecuteNonQuery();

            // The query planner stability guarantee: a plan chosen from the SQL alone. Without it SQLite (3.47 and
            // later) plans "LIMIT $take" with the bound value, marks the statement as depending on it, and prepares
            // the statement again on every run after its parameters are bound: the parse and plan these connections
            // exist to save (docs/performance.md, ninth round).
            var rc = raw.sqlite3_db_config(connection.Handle, raw.SQLITE_DBCONFIG_ENABLE_QPSG, 1, out var enabled);
            if (rc != raw.SQLITE_OK || enabled != 1)
            {
                throw new InvalidOperationException($"SQLite refused the query planner stability guarantee (result code {rc}).");
            }
        }
        catch
        {
            connection.Dispose();
            throw;
        }

        return new Lease(this, connection);
    }

    public void Dispose()
    {
        disposed = true;
        while (idle.TryDequeue(out var lease))
        {
            lease.Close();
        }
    }

    private void Return(Lease lease)
    {
        if (!disposed && Interlocked.Increment(ref idleCount) <= MaxIdle)
        {
            idle.Enqueue(lease);
            if (disposed && idle.TryDequeue(out var late))
            {
                late.Close();
            }

            return;
        }

        if (!disposed)
        {
            Interlocked.Decrement(ref idleCount);
        }

        lease.Close();
    }

    /// <summary>One rented connection and the statements it has prepared, by their SQL.</summary>
    public sealed class Lease : IDisposable
    {
        private readonly SqliteReadConnections owner;
        private readonly SqliteConnection connection;
        private readonly Dictionary<string, SqliteCommand> commands = new(StringComparer.Ordinal);
        private readonly Dictionary<string, SqliteStatement> statements = new(StringComparer.Ordinal);

        internal Lease(SqliteReadConnections owner, SqliteConnection connection)
        {
            this.owner = owner;
            this.connection = connection;
        }

        /// <summary>
        /// The command for <paramref name="sql"/> on this connection, prepared the first time, with its parameters
        /// (named in <paramref name="parameterNames"/>) created then; the caller sets their values and runs it.
        /// </summary>
        public SqliteCommand Command(string sql, params ReadOnlySpan<string> parameterNames)
        {
            if (commands.TryGetValue(sql, out var command))
            {
                return command;
            }

            command = connection.CreateCommand();
            command.CommandText = sql;
            foreach (var name in parameterNames)
            {
                command.Parameters.Add(new SqliteParameter(name, null));
            }

            command.Prepare();
            commands[sql] = command;
            return command;
        }

        /// <summary>
        /// The statement for <paramref name="sql"/> on this connection, prepared the first time, its parameters named in
        /// <paramref name="parameterNames"/> (bound by their index in it); for reads of many rows (<see cref="SqliteStatement"/>).
        /// </summary>
        public SqliteStatement Statement(string sql, params ReadOnlySpan<string> parameterNames)
        {
            if (!statements.TryGetValue(sql, out var statement))
            {
                statement = new SqliteStatement(connection, sql, parameterNames);
                statements[sql] = statement;
            }

            return statement;
        }

        /// <summary>The commands this connection has prepared (for the tests).</summary>
        internal IReadOnlyCollection<SqliteCommand> PreparedCommands => commands.Values;

        /// <summary>The statements this connection has prepared (for the tests).</summary>
        internal IReadOnlyCollection<SqliteStatement> PreparedStatements => statements.Values;

        public void Dispose() => owner.Return(this);

        internal void Close()
        {
            foreach (var command in commands.Values)
            {
                command.Dispose();
            }

            commands.Clear();
            foreach (var statement in statements.Values)
            {
                statement.Dispose();
            }

            statements.Clear();
            connection.Dispose();
        }
    }
}
