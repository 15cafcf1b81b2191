using System.Globalization;
using System.Runtime.InteropServices;
using AiCompare.Data;

namespace AiCompare.Web.Cli;

/// <summary>
/// <c>backup &lt;file&gt; [--force]</c>: an online copy of the configured database while the site runs, then an
/// integrity check of the copy. Written beside the target under a temporary name and renamed into place
/// only once checked, so the target name never holds a partial copy.
/// </summary>
public static class BackupCommand
{
    public const string Usage = "usage: backup <file> [--force]   (--force overwrites an existing file)";

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var force = args.Contains("--force");
        var files = args.Where(a => a != "--force").ToList();
        if (files.Count != 1 || files[0].StartsWith('-'))
        {
            await stderr.WriteLineAsync(Usage);
            return 2;
        }
        if (CommandLine.PostgreSqlTool(CommandLine.ConnectionString(), "backup", files[0]) is { } pgDump)
        {
            // A PostgreSQL database is backed up by PostgreSQL's own tool, consistent while the site runs.
            await stderr.WriteLineAsync("backup: the configured database is PostgreSQL; back it up with pg_dump (a consistent copy while the site runs):");
            await stderr.WriteLineAsync("  " + pgDump);
            return 1;
        }
        var source = CommandLine.DatabasePath();
        if (source is null)
        {
            await stderr.WriteLineAsync("backup failed: the configured database (ConnectionStrings:AiCompare) is in memory; there is no file to copy.");
            return 1;
        }
        var target = Path.GetFullPath(files[0]);
        var folder = Path.GetDirectoryName(target)!;
        string? problem = null;
        if (!File.Exists(source)) problem = $"there is no database at {source} (ConnectionStrings:AiCompare)";
        else if (string.Equals(target, source, StringComparison.Ordinal)) problem = $"{target} is the database itself";
        else if (Directory.Exists(target)) problem = $"{target} is a folder; name the backup file";
        else if (File.Exists(target) && !force) problem = $"{target} already exists; add --force to overwrite it";
        else if (!Directory.Exists(folder)) problem = $"the folder {folder} does not exist";
        if (problem is not null)
        {
            await stderr.WriteLineAsync("backup failed: " + problem);
            return 1;
        }

        var temp = Path.Combine(folder, $".{Path.GetFileName(target)}.partial-{Guid.NewGuid():N}");
        using var cancel = new CancellationTokenSource();
        // Ctrl+C or a stop from a scheduler: stop between steps and remove the partial file.
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Cancel);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Cancel);
        try
        {
            await stdout.WriteLineAsync($"Backing up {source} to {target}");
            var started = System.Diagnostics.Stopwatch.StartNew();
            TimeSpan? lastReport = null;
            DatabaseBackup.Progress? last = null;
            DatabaseBackup.Copy(source, temp, progress =>
            {
                last = progress;
                var done = progress.Copied == progress.Total;
                if (!done && lastReport is { } at && started.Elapsed - at < TimeSpan.FromMilliseconds(500)) return;
                lastReport = started.Elapsed;
                stdout.WriteLine(Invariant($"copied {progress.Copied:N0} / {progress.Total:N0} pages ({Megabytes(progress.CopiedBytes)} / {Megabytes(progress.TotalBytes)} MB)"));
            }, cancel.Token);
            await stdout.WriteLineAsync(Invariant($"Copied {last?.Total ?? 0:N0} pages in {started.Elapsed.TotalSeconds:0.0} s from one read snapshot ({last?.Restarts ?? 0} restarts); checking the copy (PRAGMA integrity_check)"));

            var report = DatabaseFile.Inspect(temp);
            if (report.Problem is not null)
            {
                await stderr.WriteLineAsync("backup failed: the copy " + report.Problem);
                return 1;
            }
            await stdout.WriteLineAsync(Invariant($"integrity_check: ok; schema version {report.SchemaVersion}"));
            await CommandLine.WriteTableCountsAsync(stdout, report);
            File.Move(temp, target, overwrite: force);
            await stdout.WriteLineAsync(Invariant($"Backup written: {target} ({Megabytes(new FileInfo(target).Length)} MB) in {started.Elapsed.TotalSeconds:0.0} s"));
            return 0;
        }
        catch (OperationCanceledException)
        {
            await stderr.WriteLineAsync($"backup failed: interrupted; {target} was not written");
            return 1;
        }
        catch (Exception e) when (e is Microsoft.Data.Sqlite.SqliteException or IOException or UnauthorizedAccessException)
        {
            var cause = e is Microsoft.Data.Sqlite.SqliteException sqlite ? DatabaseFile.Describe(sqlite) : e.Message;
            await stderr.WriteLineAsync($"backup failed: {cause}; {target} was not written");
            return 1;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var leftover in new[] { temp, temp + "-journal", temp + "-wal", temp + "-shm" })
            {
                if (File.Exists(leftover)) File.Delete(leftover);
            }
        }

        void Cancel(PosixSignalContext context)
        {
            context.Cancel = true;
            cancel.Cancel();
        }
    }

    private static string Megabytes(long bytes) => (bytes / 1048576.0).ToString("0.0", CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
