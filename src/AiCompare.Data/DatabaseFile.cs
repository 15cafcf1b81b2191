using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;

namespace AiCompare.Data;

/// <summary>
/// The database as a file: where it is, the lock that says a site is using it, and what a copy of it
/// holds (integrity, schema version, rows per table). Used by start-up and the backup and restore verbs.
/// </summary>
public static class DatabaseFile
{
    /// <summary>The full path of the file a connection string names, or null for an in-memory database or a server (PostgreSQL).</summary>
    public static string? PathOf(string connectionString)
    {
        if (Db.ProviderOf(connectionString) != DatabaseProvider.Sqlite) return null;
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.Mode == SqliteOpenMode.Memory || string.IsNullOrEmpty(builder.DataSource) || builder.DataSource == ":memory:") return null;
        return Path.GetFullPath(builder.DataSource);
    }

    /// <summary>The lock file beside the database: every running site holds it shared, a restore exclusive.</summary>
    public static string LockPathOf(string databasePath) => databasePath + ".lock";

    /// <summary>
    /// Takes the lock a running site holds for its lifetime. On Linux .NET maps any FileShare but None to
    /// a shared <c>flock</c>, so several sites (or test hosts) on one database hold it together, while a
    /// restore (FileShare.None, an exclusive <c>flock</c>) cannot get it. Throws <see cref="IOException"/>
    /// when a restore holds it. The OS drops the lock when the process ends, however it ends.
    /// </summary>
    public static FileStream HoldShared(string databasePath) =>
        new(LockPathOf(databasePath), FileMode.OpenOrCreate, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);

    /// <summary>Takes the lock exclusively, or returns null while anything else holds it (a running site).</summary>
    public static FileStream? TryHoldExclusive(string databasePath)
    {
        try
        {
            return new FileStream(LockPathOf(databasePath), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e) when (IsLockConflict(e))
        {
            return null;
        }
    }

    /// <summary>
    /// Whether opening the lock failed because another process holds it (a sharing violation: .NET raises
    /// it with the errno of the refused non-blocking <c>flock</c>, EWOULDBLOCK, or Windows' sharing-violation code).
    /// </summary>
    public static bool IsLockConflict(IOException e) =>
        e.HResult == (OperatingSystem.IsMacOS() ? 35 : 11) || e.HResult == unchecked((int)0x80070020);

    /// <summary>What <see cref="Inspect"/> found: a problem (null when the file is a sound AiCompare database), the schema version, rows per table.</summary>
    public sealed record Report(string? Problem, int SchemaVersion, IReadOnlyList<(string Table, long Rows)> Tables);

    /// <summary>
    /// Opens <paramref name="path"/> (never creating it) and checks that it is a SQLite database that passes
    /// <c>PRAGMA integrity_check</c> and carries AiCompare's migrations journal, then counts the rows of each table.
    /// </summary>
    public static Report Inspect(string path)
    {
        if (!File.Exists(path)) return new Report($"{path} does not exist", 0, []);
        var connectionString = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ToString();
        try
        {
            using var connection = new SqliteConnection(connectionString);
            connection.Open();
            var problems = connection.Query<string>("PRAGMA integrity_check").ToList();
            if (problems is not ["ok"])
                return new Report($"{path} fails PRAGMA integrity_check: {string.Join("; ", problems.Take(3))}", 0, []);
            var tables = connection.Query<string>(
                "SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite!_%' ESCAPE '!' ORDER BY name").ToList();
            if (!tables.Contains("SchemaMigrations"))
                return new Report($"{path} is a SQLite database but not an AiCompare one (no SchemaMigrations table)", 0, []);
            var version = connection.ExecuteScalar<int?>("SELECT max(Version) FROM SchemaMigrations") ?? 0;
            // Table names come from the file's own schema (identifiers cannot be parameters); quoted as identifiers.
            var counts = tables
                .Select(t => (t, connection.ExecuteScalar<long>($"SELECT count(*) FROM \"{t.Replace("\"", "\"\"", StringComparison.Ordinal)}\"")))
                .ToList();
            return new Report(null, version, counts);
        }
        catch (SqliteException e)
        {
            return new Report($"{path} is not a usable SQLite database: {Describe(e)}", 0, []);
        }
    }

    /// <summary>An error's one-line cause, e.g. <c>file is not a database (SQLite error 26)</c>.</summary>
    public static string Describe(SqliteException e) =>
        string.Create(CultureInfo.InvariantCulture, $"{ErrorText(e.SqliteErrorCode)} (SQLite error {e.SqliteErrorCode})");

    private static string ErrorText(int code) => SQLitePCL.raw.sqlite3_errstr(code).utf8_to_string();
}
