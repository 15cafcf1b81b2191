using Microsoft.Data.Sqlite;

namespace AiCompare.Data;

/// <summary>Why the database could not do what was asked, when the cause is the storage and not the request.</summary>
public enum StorageFaultKind
{
    /// <summary>Another connection held the write lock for longer than the lock timeout.</summary>
    Busy,

    /// <summary>The database file or its folder cannot be written (permissions, a read-only mount).</summary>
    ReadOnly,

    /// <summary>No space left on the device.</summary>
    Full,

    /// <summary>The database cannot be opened, or the device reports an I/O error.</summary>
    Unavailable,
}

/// <summary>
/// The one place that tells a storage fault (disk full, read-only storage, a lock held too long) from any
/// other failure: such a fault is the site's situation, not the request's, and passes by itself.
/// </summary>
public static class StorageFault
{
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;
    private const int SqlitePerm = 3;
    private const int SqliteReadOnly = 8;
    private const int SqliteIoErr = 10;
    private const int SqliteFull = 13;
    private const int SqliteCantOpen = 14;

    private const int Enospc = 28;
    private const int WindowsDiskFull = unchecked((int)0x80070070);
    private const int WindowsHandleDiskFull = unchecked((int)0x80070027);

    /// <summary>
    /// The fault behind <paramref name="exception"/> (or any exception inside it), or null when it is not a
    /// storage fault. With <paramref name="databasePath"/>, an I/O error on a device with no free space
    /// counts as full (SQLite reports some ENOSPC cases, such as growing the shared-memory file, as I/O errors).
    /// </summary>
    public static StorageFaultKind? Classify(Exception? exception, string? databasePath = null)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions)
                {
                    if (Classify(inner, databasePath) is { } kind) return kind;
                }
                return null;
            }
            var found = e switch
            {
                SqliteException sqlite => FromSqlite(sqlite, databasePath),
                Npgsql.PostgresException postgres => FromPostgreSql(postgres.SqlState),
                // No answer from the server at all: refused, reset, timed out, or its pool exhausted.
                Npgsql.NpgsqlException npgsql when npgsql.InnerException is System.Net.Sockets.SocketException or TimeoutException or IOException
                    || npgsql.Message.Contains("pool", StringComparison.OrdinalIgnoreCase) => StorageFaultKind.Unavailable,
                IOException io when IsDiskFull(io) => StorageFaultKind.Full,
                _ => null,
            };
            if (found is not null) return found;
        }
        return null;
    }

    /// <summary>A short phrase for logs and the readiness answer: "storage full", "read-only", …</summary>
    public static string Reason(StorageFaultKind kind) => kind switch
    {
        StorageFaultKind.Busy => "locked/busy",
        StorageFaultKind.ReadOnly => "read-only",
        StorageFaultKind.Full => "storage full",
        _ => "unreachable",
    };

    /// <summary>
    /// Why nothing was saved, and that it will pass, as a reader or an editor is told it after "Not saved: ".
    /// </summary>
    public static string Message(StorageFaultKind kind) => kind switch
    {
        StorageFaultKind.Busy => "the database is busy just now. Please try again in a few seconds.",
        StorageFaultKind.ReadOnly => "the site's storage is read-only just now. Please try again in a minute.",
        StorageFaultKind.Full => "the site's storage is full just now. Please try again in a minute.",
        _ => "the site cannot reach its database just now. Please try again in a minute.",
    };

    /// <summary>The <c>Retry-After</c> seconds for a fault: a lock passes in seconds, the rest needs an operator.</summary>
    public static int RetryAfterSeconds(StorageFaultKind kind) => kind == StorageFaultKind.Busy ? 5 : 30;

    /// <summary>True when free space on the device holding <paramref name="path"/> is below <paramref name="minimumBytes"/>.</summary>
    public static bool IsLowOnSpace(string path, long minimumBytes)
    {
        try
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(path));
            if (string.IsNullOrEmpty(folder)) return false;
            return new DriveInfo(folder).AvailableFreeSpace < minimumBytes;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return false;
        }
    }

    private static StorageFaultKind? FromSqlite(SqliteException e, string? databasePath)
    {
        // The primary code is the low byte of the extended one (SQLITE_READONLY_DIRECTORY is 8 | 6 << 8).
        var code = (e.SqliteExtendedErrorCode != 0 ? e.SqliteExtendedErrorCode : e.SqliteErrorCode) & 0xFF;
        return code switch
        {
            SqliteBusy or SqliteLocked => StorageFaultKind.Busy,
            SqliteReadOnly or SqlitePerm => StorageFaultKind.ReadOnly,
            SqliteFull => StorageFaultKind.Full,
            SqliteIoErr when databasePath is not null && IsLowOnSpace(databasePath, 1) => StorageFaultKind.Full,
            SqliteIoErr or SqliteCantOpen => StorageFaultKind.Unavailable,
            _ => null,
        };
    }

    /// <summary>
    /// PostgreSQL's SQLSTATE classes as storage faults: another transaction's lock outlasting lock_timeout,
    /// a serialization failure or a deadlock is busy (the write may simply be tried again); a read-only
    /// transaction (a standby, or default_transaction_read_only) is read-only; a full disk is full; a
    /// server shutting down, not accepting connections, or out of connections is unavailable.
    /// </summary>
    private static StorageFaultKind? FromPostgreSql(string sqlState) => sqlState switch
    {
        "55P03" or "40001" or "40P01" or "57014" => StorageFaultKind.Busy,
        "25006" => StorageFaultKind.ReadOnly,
        "53100" => StorageFaultKind.Full,
        "53300" or "57P01" or "57P02" or "57P03" or "58030" => StorageFaultKind.Unavailable,
        _ when sqlState.StartsWith("08", StringComparison.Ordinal) => StorageFaultKind.Unavailable,
        _ => null,
    };

    private static bool IsDiskFull(IOException e) =>
        e.HResult is Enospc or WindowsDiskFull or WindowsHandleDiskFull;
}
