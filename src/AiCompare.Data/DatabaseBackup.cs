using Dapper;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace AiCompare.Data;

/// <summary>
/// Copies a live database page by page with SQLite's online backup API, from one read snapshot: the
/// source connection opens a read transaction first and keeps it until the last page is copied. In WAL
/// mode that snapshot does not block the site's writers, and because the source never sees another
/// connection's commit, the step-wise copy never restarts however busy the site is (a step-wise backup
/// without it starts over after every write from another connection). The copy is the database as of
/// the moment the snapshot began: every write committed before then, none after.
/// </summary>
public static class DatabaseBackup
{
    /// <summary>
    /// How far a copy has got: pages copied of the total, the page size in bytes, and how many times SQLite
    /// started the copy over (it would after a write from another connection; from one snapshot it never should).
    /// </summary>
    public sealed record Progress(long Copied, long Total, int PageSize, int Restarts)
    {
        public long CopiedBytes => Copied * PageSize;

        public long TotalBytes => Total * PageSize;
    }

    /// <summary>
    /// Copies <paramref name="sourcePath"/> (which must exist) into the new file <paramref name="destinationPath"/>
    /// in steps of <paramref name="pagesPerStep"/>, reporting after each step, then switches the copy to a
    /// rollback journal so it is one self-contained file. Throws <see cref="SqliteException"/> on failure,
    /// <see cref="OperationCanceledException"/> when cancelled; the caller deletes the partial file.
    /// </summary>
    public static void Copy(string sourcePath, string destinationPath, Action<Progress> report, CancellationToken cancel, int pagesPerStep = 256)
    {
        using var source = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = sourcePath,
            Mode = SqliteOpenMode.ReadWrite,
            Pooling = false,
        }.ToString());
        source.Open();
        source.Execute("PRAGMA busy_timeout = 5000");
        using var snapshot = source.BeginTransaction(deferred: true);
        // A deferred transaction takes its read snapshot at the first read.
        source.ExecuteScalar<long>("SELECT count(*) FROM sqlite_schema", transaction: snapshot);
        var pageSize = source.ExecuteScalar<int>("PRAGMA page_size", transaction: snapshot);

        using var destination = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = destinationPath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
        }.ToString());
        destination.Open();

        using (var backup = raw.sqlite3_backup_init(destination.Handle, "main", source.Handle, "main"))
        {
            if (backup.IsInvalid) SqliteException.ThrowExceptionForRC(raw.sqlite3_errcode(destination.Handle), destination.Handle);
            var busy = 0;
            var restarts = 0;
            long copiedBefore = 0;
            while (true)
            {
                cancel.ThrowIfCancellationRequested();
                var rc = raw.sqlite3_backup_step(backup, pagesPerStep);
                if (rc is raw.SQLITE_BUSY or raw.SQLITE_LOCKED && ++busy < 100)
                {
                    Thread.Sleep(50);
                    continue;
                }
                if (rc is not (raw.SQLITE_OK or raw.SQLITE_DONE)) SqliteException.ThrowExceptionForRC(rc, destination.Handle);
                var total = raw.sqlite3_backup_pagecount(backup);
                long copied = total - raw.sqlite3_backup_remaining(backup);
                if (copied < copiedBefore) restarts++;
                copiedBefore = copied;
                report(new Progress(copied, total, pageSize, restarts));
                if (rc == raw.SQLITE_DONE) break;
            }
        }
        snapshot.Rollback();
        source.Close();

        // The pages carry the source's WAL flag; a backup file is better as one file with no -wal beside it.
        destination.ExecuteScalar<string>("PRAGMA journal_mode = DELETE");
    }
}
