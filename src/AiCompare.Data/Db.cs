using Microsoft.Data.Sqlite;

namespace AiCompare.Data;

/// <summary>Opens configured SQLite connections: foreign keys on, a busy timeout, pooled.</summary>
public sealed class Db
{
    private readonly string _connectionString;

    public Db(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString)
        {
            ForeignKeys = true,
            DefaultTimeout = 30,
            Pooling = true,
        };
        if (builder.Mode != SqliteOpenMode.Memory && !string.IsNullOrEmpty(builder.DataSource) && builder.DataSource != ":memory:")
        {
            var directory = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
            if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
        }
        _connectionString = builder.ToString();
        DapperSetup.EnsureRegistered();
    }

    /// <summary>The database file, for logs and messages.</summary>
    public string DataSource => new SqliteConnectionStringBuilder(_connectionString).DataSource;

    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var pragma = connection.CreateCommand();
        // busy_timeout makes concurrent writers wait instead of failing with SQLITE_BUSY.
        pragma.CommandText = "PRAGMA busy_timeout = 5000;";
        pragma.ExecuteNonQuery();
        return connection;
    }
}
