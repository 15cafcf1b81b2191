using System.Globalization;
using AiCompare.Data;
using Microsoft.Data.Sqlite;

namespace AiCompare.Web.Cli;

/// <summary>
/// <c>restore &lt;file&gt;</c>: puts a backup in place of the configured database of a stopped site. It refuses
/// while a site holds the database's lock, and refuses a file that is not a sound AiCompare database. The
/// previous database (with its -wal and -shm) is kept aside under a timestamped name, and the copy is
/// checked beside the target, then renamed into place.
/// </summary>
public static class RestoreCommand
{
    public const string Usage = "usage: restore <file>   (stop the site first)";

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Length != 1 || args[0].StartsWith('-'))
        {
            await stderr.WriteLineAsync(Usage);
            return 2;
        }
        if (CommandLine.PostgreSqlTool(CommandLine.ConnectionString(), "restore", args[0]) is { } pgRestore)
        {
            await stderr.WriteLineAsync("restore: the configured database is PostgreSQL; stop every node, then restore a pg_dump backup with pg_restore:");
            await stderr.WriteLineAsync("  " + pgRestore);
            return 1;
        }
        var backup = Path.GetFullPath(args[0]);
        var target = CommandLine.DatabasePath();
        if (target is null)
        {
            await stderr.WriteLineAsync("restore refused: the configured database (ConnectionStrings:AiCompare) is in memory; there is no file to restore into.");
            return 1;
        }
        var folder = Path.GetDirectoryName(target)!;
        string? problem = null;
        if (!File.Exists(backup)) problem = $"{backup} does not exist";
        else if (string.Equals(backup, target, StringComparison.Ordinal)) problem = $"{backup} is the configured database itself";
        else if (!Directory.Exists(folder)) problem = $"the database folder {folder} does not exist";
        if (problem is not null)
        {
            await stderr.WriteLineAsync("restore refused: " + problem);
            return 1;
        }

        FileStream? held;
        try
        {
            held = DatabaseFile.TryHoldExclusive(target);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            await stderr.WriteLineAsync($"restore refused: cannot take {DatabaseFile.LockPathOf(target)}: {e.Message}");
            return 1;
        }
        if (held is null)
        {
            await stderr.WriteLineAsync($"restore refused: {target} is in use by a running site (it holds {DatabaseFile.LockPathOf(target)}); stop the site first");
            return 1;
        }

        using (held)
        {
            var temp = Path.Combine(folder, $".{Path.GetFileName(target)}.restoring-{Guid.NewGuid():N}");
            try
            {
                await stdout.WriteLineAsync($"Checking {backup}");
                // Check the copy that goes in place, not the original, which could change in between.
                File.Copy(backup, temp);
                var report = DatabaseFile.Inspect(temp);
                if (report.Problem is not null)
                {
                    await stderr.WriteLineAsync("restore refused: " + report.Problem.Replace(temp, backup, StringComparison.Ordinal));
                    return 1;
                }
                var known = Migrator.Scripts()[^1].Version;
                if (report.SchemaVersion > known)
                {
                    await stderr.WriteLineAsync($"restore refused: {backup} has schema version {report.SchemaVersion}, newer than this build's {known}; restore it with the build that made it");
                    return 1;
                }
                await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"integrity_check: ok; schema version {report.SchemaVersion}"));
                await CommandLine.WriteTableCountsAsync(stdout, report);

                string? aside = null;
                var moved = new List<(string From, string To)>();
                try
                {
                    if (File.Exists(target))
                    {
                        aside = target + ".before-restore-" + DateTime.UtcNow.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
                        // The -wal may hold committed writes: it goes aside with its database, under the matching name.
                        foreach (var suffix in new[] { "", "-wal", "-shm" })
                        {
                            if (!File.Exists(target + suffix)) continue;
                            File.Move(target + suffix, aside + suffix);
                            moved.Add((target + suffix, aside + suffix));
                        }
                    }
                    File.Move(temp, target);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    foreach (var (from, to) in moved) File.Move(to, from);
                    throw;
                }

                await stdout.WriteLineAsync($"Restored {backup} into {target}.");
                if (aside is null)
                {
                    await stdout.WriteLineAsync("There was no database there before. To undo: stop the site and delete " + target);
                }
                else
                {
                    await stdout.WriteLineAsync($"The previous database is kept as {string.Join(", ", moved.Select(m => m.To))}.");
                    await stdout.WriteLineAsync("To undo, with the site stopped:");
                    await stdout.WriteLineAsync($"  rm -f {target}-wal {target}-shm");
                    foreach (var (from, to) in moved) await stdout.WriteLineAsync($"  mv {to} {from}");
                }
                await stdout.WriteLineAsync("Start the site now; it applies any newer migrations on start.");
                return 0;
            }
            catch (Exception e) when (e is SqliteException or IOException or UnauthorizedAccessException)
            {
                var cause = e is SqliteException sqlite ? DatabaseFile.Describe(sqlite) : e.Message;
                await stderr.WriteLineAsync($"restore failed: {cause}; {target} is unchanged");
                return 1;
            }
            finally
            {
                SqliteConnection.ClearAllPools();
                foreach (var leftover in new[] { temp, temp + "-journal", temp + "-wal", temp + "-shm" })
                {
                    if (File.Exists(leftover)) File.Delete(leftover);
                }
            }
        }
    }
}
