using System.Data.Common;
using AiCompare.Data;

namespace AiCompare.Tests.Support;

/// <summary>
/// The database the whole suite runs on: SQLite by default, PostgreSQL when
/// <c>AICOMPARE_TEST_DATABASE=postgresql</c> (then every site the tests start has a new database on the
/// run's cluster, see <see cref="PostgresServer"/>). One suite, run once per provider: the fixtures take
/// the provider, the tests do not change.
/// </summary>
public static class SuiteDatabase
{
    public static DatabaseProvider Provider { get; } =
        string.Equals(Environment.GetEnvironmentVariable("AICOMPARE_TEST_DATABASE"), "postgresql", StringComparison.OrdinalIgnoreCase)
            ? DatabaseProvider.PostgreSql
            : DatabaseProvider.Sqlite;

    /// <summary>A connection string for a new, empty database: the folder's SQLite file, or a new PostgreSQL database.</summary>
    public static string NewConnectionString(TempDirectory folder) =>
        Provider == DatabaseProvider.PostgreSql
            ? PostgresServer.Instance.GetAwaiter().GetResult().CreateDatabaseAsync().GetAwaiter().GetResult()
            : folder.ConnectionString;

    /// <summary>A connection string for another new, empty database: a SQLite file named <paramref name="name"/> in the folder, or a new PostgreSQL database.</summary>
    public static string NewConnectionString(TempDirectory folder, string name) =>
        Provider == DatabaseProvider.PostgreSql
            ? PostgresServer.Instance.GetAwaiter().GetResult().CreateDatabaseAsync().GetAwaiter().GetResult()
            : $"Data Source={folder.Combine(name + ".db")}";

    /// <summary>
    /// Another connection holding the write lock until disposed, readers going on, as an operator's long
    /// transaction would: SQLite's BEGIN EXCLUSIVE (readers go on in WAL mode), or PostgreSQL's EXCLUSIVE
    /// lock on every table (it blocks writes and lets reads through). The site's writes then wait out its
    /// lock timeout and fail as busy.
    /// </summary>
    public static DbConnection HoldWriteLock(string connectionString)
    {
        if (Db.ProviderOf(connectionString) == DatabaseProvider.Sqlite)
        {
            var sqlite = new Microsoft.Data.Sqlite.SqliteConnection(connectionString + ";Pooling=False");
            sqlite.Open();
            Dapper.SqlMapper.Execute(sqlite, "BEGIN EXCLUSIVE");
            return sqlite;
        }
        var postgres = new Npgsql.NpgsqlConnection(new Npgsql.NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ToString());
        postgres.Open();
        var tables = Dapper.SqlMapper.ExecuteScalar<string>(postgres, "SELECT string_agg(quote_ident(tablename), ', ') FROM pg_tables WHERE schemaname = 'public'");
        // Table names come from the catalog, quoted by the server.
        Dapper.SqlMapper.Execute(postgres, $"BEGIN; LOCK TABLE {tables} IN EXCLUSIVE MODE");
        return postgres;
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Db> Databases = new(StringComparer.Ordinal);

    /// <summary>An open connection to the database a connection string names, whichever provider it is (its pool kept for the run).</summary>
    public static DbConnection Open(string connectionString) => Databases.GetOrAdd(connectionString, static cs => new Db(cs)).Open();
}
