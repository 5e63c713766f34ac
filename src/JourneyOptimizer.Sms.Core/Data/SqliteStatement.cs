using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace JourneyOptimizer.Sms.Core.Data;

/// <summary>
/// A statement prepared once on a read connection (<see cref="SqliteReadConnections"/>), whose rows are read through
/// SQLite's column functions directly (docs/decisions/0009, docs/performance.md, eleventh round). Through
/// <see cref="SqliteDataReader"/>, each value of a row took two or three calls into SQLite (the type, then the text and
/// its length), and each call took and released a reference on the statement's safe handle and switched the thread
/// out of and back into the runtime's cooperative mode: for a list page of 50 rows, about 2,000 such calls, which cost
/// several times what SQLite spent running the query. Here a value is one or two plain calls on the statement's pointer,
/// without the switch (<see cref="SuppressGCTransitionAttribute"/>: the column functions are short, never block and
/// never call back). Binding, stepping and resetting still go through SQLitePCL, once per parameter or row.
/// </summary>
/// <remarks>
/// The statement belongs to one connection of a lease, which uses it on one thread at a time and finalizes it before
/// the connection closes. Values are read as <see cref="SqliteDataReader"/> reads them: text as UTF-8, integers as 64
/// bits, and dates through <see cref="SqliteDates"/>.
/// </remarks>
public sealed class SqliteStatement : IDisposable
{
    /// <summary>The native library SQLitePCL loads (bundle_e_sqlite3).</summary>
    internal const string Library = "e_sqlite3";
    private const int BusyRetryMilliseconds = 150;
    private const int BusyTimeoutMilliseconds = 30_000;

    private readonly sqlite3 db;
    private readonly sqlite3_stmt handle;
    private readonly nint statement;
    private readonly int[] parameters;
    private bool started;

    internal SqliteStatement(SqliteConnection connection, string sql, ReadOnlySpan<string> parameterNames)
    {
        db = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        var rc = raw.sqlite3_prepare_v3(db, sql, raw.SQLITE_PREPARE_PERSISTENT, out handle, out var tail);
        SqliteException.ThrowExceptionForRC(rc, db);
        if (handle.IsInvalid || !string.IsNullOrWhiteSpace(tail))
        {
            handle.Dispose();
            throw new ArgumentException("The SQL must be exactly one statement.", nameof(sql));
        }

        statement = handle.DangerousGetHandle();
        parameters = new int[parameterNames.Length];
        for (var i = 0; i < parameterNames.Length; i++)
        {
            parameters[i] = raw.sqlite3_bind_parameter_index(handle, parameterNames[i]);
            if (parameters[i] == 0)
            {
                handle.Dispose();
                throw new ArgumentException($"The SQL has no parameter {parameterNames[i]}.", nameof(parameterNames));
            }
        }
    }

    /// <summary>The SQL as prepared (for the tests).</summary>
    internal string Sql => raw.sqlite3_sql(handle).utf8_to_string();

    /// <summary>The SQLite statement (for the tests).</summary>
    internal sqlite3_stmt Handle => handle;

    /// <summary>Sets the parameter at <paramref name="index"/> of the names given when it was prepared.</summary>
    public void Bind(int index, long value) => Check(raw.sqlite3_bind_int64(handle, parameters[index], value));

    /// <summary>Sets the parameter at <paramref name="index"/> to a text, or to NULL.</summary>
    public void Bind(int index, string? value) =>
        Check(value is null ? raw.sqlite3_bind_null(handle, parameters[index]) : raw.sqlite3_bind_text(handle, parameters[index], value));

    /// <summary>Runs the statement with the parameters bound; dispose the rows to reset it (which ends its read transaction).</summary>
    public Rows Run()
    {
        started = false;
        return new(this);
    }

    public void Dispose() => handle.Dispose();

    private void Check(int rc) => SqliteException.ThrowExceptionForRC(rc, db);

    /// <summary>The rows of one run, read in order; <see cref="Read"/> moves to the next.</summary>
    public readonly struct Rows : IDisposable
    {
        private readonly SqliteStatement owner;

        internal Rows(SqliteStatement owner) => this.owner = owner;

        /// <summary>Moves to the next row; false after the last.</summary>
        public bool Read()
        {
            var rc = raw.sqlite3_step(owner.handle);
            if (!owner.started)
            {
                // As Microsoft.Data.Sqlite runs a command: while the database is busy (another connection recovering the
                // write-ahead log, say), the first step is tried again every 150 ms, up to its default timeout of 30 s.
                var waited = 0;
                while (rc is raw.SQLITE_BUSY or raw.SQLITE_LOCKED && waited < BusyTimeoutMilliseconds)
                {
                    raw.sqlite3_reset(owner.handle);
                    Thread.Sleep(BusyRetryMilliseconds);
                    waited += BusyRetryMilliseconds;
                    rc = raw.sqlite3_step(owner.handle);
                }

                owner.started = true;
            }

            if (rc == raw.SQLITE_ROW)
            {
                return true;
            }

            if (rc == raw.SQLITE_DONE)
            {
                return false;
            }

            // Reset first: SQLite reports the statement's error from sqlite3_reset.
            raw.sqlite3_reset(owner.handle);
            SqliteException.ThrowExceptionForRC(rc, owner.db);
            throw new InvalidOperationException($"SQLite step returned {rc}.");
        }

        public bool IsDBNull(int column) => Native.sqlite3_column_type(owner.statement, column) == raw.SQLITE_NULL;

        public int GetInt32(int column) => checked((int)GetInt64(column));

        public long GetInt64(int column)
        {
            ThrowIfNull(column);
            return Native.sqlite3_column_int64(owner.statement, column);
        }

        public string GetString(int column)
        {
            ThrowIfNull(column);
            var text = Native.sqlite3_column_text(owner.statement, column);
            var length = Native.sqlite3_column_bytes(owner.statement, column);
            return length == 0 ? string.Empty : Marshal.PtrToStringUTF8(text, length);
        }

        public string? GetStringOrNull(int column) => IsDBNull(column) ? null : GetString(column);

        /// <summary>A date as EF Core writes it (text), read as <see cref="SqliteDates.Read"/> reads it.</summary>
        public DateTime GetDateTime(int column)
        {
            var type = Native.sqlite3_column_type(owner.statement, column);
            return type switch
            {
                raw.SQLITE_TEXT => SqliteDates.Parse(GetString(column)),
                raw.SQLITE_NULL => throw new InvalidOperationException($"Column {column} is NULL."),
                _ => SqliteDates.FromJulianDay(Native.sqlite3_column_double(owner.statement, column)),
            };
        }

        public DateTime? GetDateTimeOrNull(int column) => IsDBNull(column) ? null : GetDateTime(column);

        /// <summary>Resets the statement: its read transaction ends, and it is ready for the next run.</summary>
        public void Dispose() => raw.sqlite3_reset(owner.handle);

        private void ThrowIfNull(int column)
        {
            if (IsDBNull(column))
            {
                throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"Column {column} is NULL."));
            }
        }
    }

    // SQLite's column functions on the statement's pointer, from the same native library SQLitePCL loads. Only these:
    // each runs in constant time on the current row, takes no lock other than its connection's uncontended mutex (none in
    // multi-thread mode, SqliteThreading) and cannot call back into .NET.
    private static class Native
    {
        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        [SuppressGCTransition]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        internal static extern int sqlite3_column_type(nint statement, int column);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        [SuppressGCTransition]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        internal static extern long sqlite3_column_int64(nint statement, int column);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        [SuppressGCTransition]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        internal static extern double sqlite3_column_double(nint statement, int column);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        [SuppressGCTransition]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        internal static extern nint sqlite3_column_text(nint statement, int column);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        [SuppressGCTransition]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        internal static extern int sqlite3_column_bytes(nint statement, int column);
    }
}
