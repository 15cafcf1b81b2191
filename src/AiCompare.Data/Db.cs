using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;
using SQLitePCL;

namespace AiCompare.Data;

/// <summary>
/// Opens configured connections to the site's database, SQLite or PostgreSQL as the connection string
/// says (<see cref="ProviderOf"/>): pooled, with a bounded lock wait (and SQLite's foreign keys on). Runs
/// the writes that public pages see: each in one transaction that, once committed, announces what it
/// changed on <see cref="Changes"/>.
/// </summary>
/// <remarks>
/// A connection SQLite could open only read-only (the file or its folder not writable at that moment) is
/// never pooled: it would stay read-only after the storage is writable again, and fail writes for minutes.
/// </remarks>
public sealed class Db : IDisposable
{
    /// <summary>How long a statement waits for another connection's write lock when no timeout is given.</summary>
    public static readonly TimeSpan DefaultLockTimeout = TimeSpan.FromSeconds(3);

    private readonly string _connectionString;
    private readonly int _busyTimeoutMs;
    private readonly bool _readOnlyByRequest;
    private readonly NpgsqlDataSource? _postgres;

    public Db(string connectionString, TimeSpan? lockTimeout = null)
    {
        var timeout = lockTimeout ?? DefaultLockTimeout;
        if (timeout < TimeSpan.FromSeconds(1)) throw new ArgumentOutOfRangeException(nameof(lockTimeout), "The lock timeout is at least one second.");
        Provider = ProviderOf(connectionString);
        LockTimeout = timeout;
        _busyTimeoutMs = (int)timeout.TotalMilliseconds;
        DapperSetup.EnsureRegistered();
        if (Provider == DatabaseProvider.PostgreSql)
        {
            // A statement waits for another transaction's row or table lock at most the lock timeout
            // (lock_timeout, PostgreSQL's counterpart of SQLite's busy_timeout), after any options given.
            var postgres = new NpgsqlConnectionStringBuilder(connectionString);
            postgres.Options = WithLockTimeout(postgres.Options, _busyTimeoutMs);
            _connectionString = postgres.ToString();
            _postgres = NpgsqlDataSource.Create(_connectionString);
            DataSource = $"{postgres.Host}:{postgres.Port}/{postgres.Database}";
            return;
        }
        // Both bounds matter: SQLite's busy_timeout is how long one step waits for a lock, and the
        // provider's command timeout is how long it keeps retrying a busy step. Equal, a wait ends after
        // about one timeout; with the provider's default of 30 s a request could wait half a minute.
        var builder = new SqliteConnectionStringBuilder(connectionString)
        {
            ForeignKeys = true,
            DefaultTimeout = (int)Math.Ceiling(timeout.TotalSeconds),
            Pooling = true,
        };
        _readOnlyByRequest = builder.Mode == SqliteOpenMode.ReadOnly;
        if (builder.Mode != SqliteOpenMode.Memory && !string.IsNullOrEmpty(builder.DataSource) && builder.DataSource != ":memory:")
        {
            var directory = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
            if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
        }
        _connectionString = builder.ToString();
        DataSource = builder.DataSource;
    }

    /// <summary>
    /// The provider a connection string names: PostgreSQL when it gives a <c>Host</c>, SQLite when it
    /// gives a <c>Data Source</c> (or <c>DataSource</c>, <c>Filename</c>). Anything else is refused, with
    /// what was expected.
    /// </summary>
    public static DatabaseProvider ProviderOf(string connectionString)
    {
        DbConnectionStringBuilder keys;
        try
        {
            keys = new DbConnectionStringBuilder { ConnectionString = connectionString };
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"The connection string cannot be read ({e.Message}). Expected \"Data Source=<file>\" (SQLite) or \"Host=<server>;Database=<name>;…\" (PostgreSQL).", nameof(connectionString), e);
        }
        var host = keys.ContainsKey("Host") || keys.ContainsKey("Server");
        var file = keys.ContainsKey("Data Source") || keys.ContainsKey("DataSource") || keys.ContainsKey("Filename");
        return (host, file) switch
        {
            (true, false) => DatabaseProvider.PostgreSql,
            (false, true) => DatabaseProvider.Sqlite,
            (true, true) => throw new ArgumentException("The connection string names both a server (Host) and a file (Data Source): give one.", nameof(connectionString)),
            _ => throw new ArgumentException("The connection string names no database. Expected \"Data Source=<file>\" (SQLite) or \"Host=<server>;Database=<name>;…\" (PostgreSQL).", nameof(connectionString)),
        };
    }

    private static string WithLockTimeout(string? options, int milliseconds) =>
        $"{options} -c lock_timeout={milliseconds}".Trim();

    /// <summary>Which database this is.</summary>
    public DatabaseProvider Provider { get; }

    /// <summary>
    /// A statement in this database's dialect, where the two differ: callers keep both versions side by
    /// side where the method is. A list parameter, for one, is <c>IN @List</c> in SQLite (Dapper expands
    /// it) and <c>= ANY(@List)</c> in PostgreSQL (Dapper passes it as one array).
    /// </summary>
    public string Sql(string sqlite, string postgreSql) => Provider == DatabaseProvider.PostgreSql ? postgreSql : sqlite;

    /// <summary>The database, for logs and messages: SQLite's file, or PostgreSQL's host, port and database (never a password).</summary>
    public string DataSource { get; }

    /// <summary>How long a statement waits for another connection's write lock before it fails as busy.</summary>
    public TimeSpan LockTimeout { get; }

    /// <summary>Where committed writes announce what they changed.</summary>
    public ChangeFeed Changes { get; } = new();

    /// <summary>
    /// This process's name among the nodes sharing a PostgreSQL database: the changes it writes are sent
    /// to the others under it (<see cref="ChangeWire"/>), and it knows its own when they come back.
    /// </summary>
    public string Node { get; } = Guid.NewGuid().ToString("N");

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
    public async Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, Task<(T Result, Change? Changed)>> work)
    {
        T result;
        Change? changed;
        try
        {
            await using var connection = Open();
            await using var tx = connection.BeginTransaction();
            (result, changed) = await work(connection, tx);
            if (changed is null) return result;
            if (Provider == DatabaseProvider.PostgreSql)
            {
                await using var notify = Notify(connection, tx, changed);
                await notify.ExecuteNonQueryAsync();
            }
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
    public T Write<T>(Func<DbConnection, DbTransaction, (T Result, Change? Changed)> work, Action<DbConnection>? prepare = null)
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
            if (Provider == DatabaseProvider.PostgreSql)
            {
                using var notify = Notify(connection, tx, changed);
                notify.ExecuteNonQuery();
            }
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

    /// <summary>
    /// The notification that tells the other nodes about <paramref name="changed"/>, queued in the write's
    /// own transaction: PostgreSQL delivers it when the transaction commits, and never if it does not.
    /// </summary>
    private DbCommand Notify(DbConnection connection, DbTransaction tx, Change changed)
    {
        var command = connection.CreateCommand();
        command.Transaction = tx;
        // One round trip for all of a change's notifications, sent in their order.
        command.CommandText = "SELECT pg_notify(@Channel, payload) FROM unnest(@Payloads) WITH ORDINALITY AS p(payload, n) ORDER BY n";
        command.Parameters.Add(new NpgsqlParameter("Channel", ChangeWire.Channel));
        command.Parameters.Add(new NpgsqlParameter("Payloads", ChangeWire.Write(Node, changed).ToArray()));
        return command;
    }

    /// <summary>
    /// A connection of its own, outside the pool, for listening to the other nodes' changes (PostgreSQL
    /// only): kept open for as long as the node runs, with TCP keepalives so that a vanished server is noticed.
    /// </summary>
    public async Task<NpgsqlConnection> OpenListenerAsync(CancellationToken cancellationToken)
    {
        if (_postgres is null) throw new InvalidOperationException("Only a PostgreSQL database has other nodes to listen to.");
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(_connectionString)
        {
            Pooling = false,
            TcpKeepAlive = true,
            KeepAlive = 5,
        }.ToString());
        try
        {
            await connection.OpenAsync(cancellationToken);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
        return connection;
    }

    public DbConnection Open()
    {
        if (_postgres is not null) return _postgres.OpenConnection();
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
    public DbConnection OpenUnpooled(TimeSpan lockTimeout)
    {
        if (_postgres is not null)
        {
            var postgres = new NpgsqlConnectionStringBuilder(_connectionString)
            {
                Pooling = false,
                Timeout = Math.Max(1, (int)Math.Ceiling(lockTimeout.TotalSeconds)),
            };
            // The later -c wins: this probe's own lock wait.
            postgres.Options = WithLockTimeout(postgres.Options, (int)lockTimeout.TotalMilliseconds);
            var unpooled = new NpgsqlConnection(postgres.ToString());
            unpooled.Open();
            return unpooled;
        }
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

    /// <summary>Closes PostgreSQL's pooled connections (SQLite's pool is the provider's own, process-wide).</summary>
    public void Dispose() => _postgres?.Dispose();

    /// <summary>Closes idle pooled connections; those in use are closed instead of pooled when returned.</summary>
    public void ClearPool()
    {
        if (_postgres is not null)
        {
            _postgres.Clear();
            return;
        }
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
    }
}
