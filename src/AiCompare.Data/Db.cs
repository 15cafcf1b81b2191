using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace AiCompare.Data;

/// <summary>
/// Opens configured SQLite connections (foreign keys on, a bounded lock wait, pooled), and runs the writes
/// that public pages see: each in one transaction that, once committed, announces what it changed on
/// <see cref="Changes"/>.
/// </summary>
/// <remarks>
/// A connection SQLite could open only read-only (the file or its folder not writable at that moment) is
/// never pooled: it would stay read-only after the storage is writable again, and fail writes for minutes.
/// </remarks>
public sealed class Db
{
    /// <summary>How long a statement waits for another connection's write lock when no timeout is given.</summary>
    public static readonly TimeSpan DefaultLockTimeout = TimeSpan.FromSeconds(3);

    private readonly string _connectionString;
    private readonly int _busyTimeoutMs;
    private readonly bool _readOnlyByRequest;

    public Db(string connectionString, TimeSpan? lockTimeout = null)
    {
        var timeout = lockTimeout ?? DefaultLockTimeout;
        if (timeout < TimeSpan.FromSeconds(1)) throw new ArgumentOutOfRangeException(nameof(lockTimeout), "The lock timeout is at least one second.");
        // Both bounds matter: SQLite's busy_timeout is how long one step waits for a lock, and the
        // provider's command timeout is how long it keeps retrying a busy step. Equal, a wait ends after
        // about one timeout; with the provider's default of 30 s a request could wait half a minute.
        var builder = new SqliteConnectionStringBuilder(connectionString)
        {
            ForeignKeys = true,
            DefaultTimeout = (int)Math.Ceiling(timeout.TotalSeconds),
            Pooling = true,
        };
        _busyTimeoutMs = (int)timeout.TotalMilliseconds;
        _readOnlyByRequest = builder.Mode == SqliteOpenMode.ReadOnly;
        LockTimeout = timeout;
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

    /// <summary>How long a statement waits for another connection's write lock before it fails as busy.</summary>
    public TimeSpan LockTimeout { get; }

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
            NoteFault(e);
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
            NoteFault(e);
            throw;
        }
        Changes.Announce(changed);
        return result;
    }

    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        // SQLite opens a file it may not write read-only, silently. Such a connection must not go back
        // into the pool; clearing the pool also drops the connections opened before, so every write from
        // now on meets the storage as it is, and the first one after it is writable again succeeds.
        if (!_readOnlyByRequest && raw.sqlite3_db_readonly(connection.Handle, "main") == 1) SqliteConnection.ClearPool(connection);
        // busy_timeout makes concurrent writers wait, a bounded time, instead of failing at once with SQLITE_BUSY.
        raw.sqlite3_busy_timeout(connection.Handle, _busyTimeoutMs);
        return connection;
    }

    /// <summary>
    /// A new connection outside the pool, for a probe: it sees the storage as a new connection would, and
    /// waits for a lock at most <paramref name="lockTimeout"/>.
    /// </summary>
    public SqliteConnection OpenUnpooled(TimeSpan lockTimeout)
    {
        var builder = new SqliteConnectionStringBuilder(_connectionString)
        {
            Pooling = false,
            DefaultTimeout = Math.Max(1, (int)Math.Ceiling(lockTimeout.TotalSeconds)),
        };
        var connection = new SqliteConnection(builder.ToString());
        connection.Open();
        raw.sqlite3_busy_timeout(connection.Handle, (int)lockTimeout.TotalMilliseconds);
        return connection;
    }

    /// <summary>
    /// The storage fault behind <paramref name="exception"/>, if it is one (see <see cref="StorageFault"/>).
    /// Every write path that meets one reports it here (writes through <see cref="Write{T}"/> do so
    /// themselves): unless the database was only busy, the pool is cleared so that no connection opened
    /// during the fault is used after it.
    /// </summary>
    public StorageFaultKind? NoteFault(Exception exception)
    {
        var kind = StorageFault.Classify(exception, DataSource);
        if (kind is not null and not StorageFaultKind.Busy) ClearPool();
        return kind;
    }

    /// <summary>Closes idle pooled connections; those in use are closed instead of pooled when returned.</summary>
    public void ClearPool()
    {
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
    }
}
