using Microsoft.Data.Sqlite;

namespace AiCompare.Data;

/// <summary>
/// Opens configured SQLite connections (foreign keys on, a busy timeout, pooled), and runs the writes
/// that public pages see: each in one transaction that, once committed, announces what it changed on
/// <see cref="Changes"/>.
/// </summary>
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

    /// <summary>Where committed writes announce what they changed.</summary>
    public ChangeFeed Changes { get; } = new();

    /// <summary>
    /// Raised when a write through <see cref="WriteAsync{T}"/> or <see cref="Write{T}"/> throws (before the
    /// exception goes on to the caller): metrics count failed writes here.
    /// </summary>
    public event Action<Exception>? WriteFailed;

    /// <summary>
    /// Runs <paramref name="work"/> in one transaction. When it returns a change, the transaction is
    /// committed and the change announced; when it returns none (a conflict, a refusal), nothing is kept.
    /// The one way to write what a public page shows: a write cannot commit without saying what changed.
    /// </summary>
    public async Task<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, Task<(T Result, Change? Changed)>> work)
    {
        T result;
        Change? changed;
        try
        {
            await using var connection = Open();
            await using var tx = connection.BeginTransaction();
            (result, changed) = await work(connection, tx);
            if (changed is null) return result;
            await tx.CommitAsync();
        }
        catch (Exception e)
        {
            WriteFailed?.Invoke(e);
            throw;
        }
        Changes.Announce(changed);
        return result;
    }

    /// <summary>The synchronous <see cref="WriteAsync{T}"/>, for writers that batch on a thread of their own.</summary>
    public T Write<T>(Func<SqliteConnection, SqliteTransaction, (T Result, Change? Changed)> work, Action<SqliteConnection>? prepare = null)
    {
        T result;
        Change? changed;
        try
        {
            using var connection = Open();
            prepare?.Invoke(connection);
            using var tx = connection.BeginTransaction();
            (result, changed) = work(connection, tx);
            if (changed is null) return result;
            tx.Commit();
        }
        catch (Exception e)
        {
            WriteFailed?.Invoke(e);
            throw;
        }
        Changes.Announce(changed);
        return result;
    }

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
