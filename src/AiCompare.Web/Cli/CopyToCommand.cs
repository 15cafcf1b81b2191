using System.Globalization;
using System.Runtime.InteropServices;
using AiCompare.Data;

namespace AiCompare.Web.Cli;

/// <summary>
/// <c>copy-to "&lt;connection string&gt;"</c>: moves the configured SQLite database into an empty PostgreSQL
/// database (<see cref="DatabaseCopy"/>), the way from the embedded default to several nodes. Prints
/// progress per table and a count check at the end; all or nothing.
/// </summary>
public static class CopyToCommand
{
    public const string Usage = "usage: copy-to \"Host=<server>;Database=<name>;Username=<user>\"   (an empty PostgreSQL database; the password from PGPASSWORD or the string)";

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Length != 1 || args[0].StartsWith('-'))
        {
            await stderr.WriteLineAsync(Usage);
            return 2;
        }
        string target;
        try
        {
            target = WithPasswordFromEnvironment(args[0]);
            if (Db.ProviderOf(target) != DatabaseProvider.PostgreSql)
            {
                await stderr.WriteLineAsync("copy-to failed: the target must be a PostgreSQL database (Host=…;Database=…); it names a SQLite file. To copy a SQLite database, use backup.");
                return 1;
            }
        }
        catch (ArgumentException e)
        {
            await stderr.WriteLineAsync("copy-to failed: " + e.Message);
            return 1;
        }

        await using var app = CommandLine.BuildServices();
        var source = app.Services.GetRequiredService<Db>();
        if (source.Provider != DatabaseProvider.Sqlite)
        {
            await stderr.WriteLineAsync($"copy-to failed: the configured database ({source.DataSource}) is PostgreSQL already; copy-to moves a SQLite database into PostgreSQL.");
            return 1;
        }
        using var to = new Db(target);
        using var cancel = new CancellationTokenSource();
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Cancel);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Cancel);
        var started = System.Diagnostics.Stopwatch.StartNew();
        DatabaseCopy.Result result;
        try
        {
            // The source is brought to this version's schema first, as the site would at start-up.
            app.Services.GetRequiredService<Migrator>().Migrate();
            await stdout.WriteLineAsync($"Copying {source.DataSource} into {to.DataSource} (writes to the site after this moment are not copied: stop it, or copy again into a new database)");
            TimeSpan? lastReport = null;
            result = DatabaseCopy.Copy(source, to, progress =>
            {
                var done = progress.Copied == progress.Total;
                if (!done && lastReport is { } at && started.Elapsed - at < TimeSpan.FromMilliseconds(500)) return;
                lastReport = started.Elapsed;
                stdout.WriteLine(Invariant($"  {progress.Table}: {progress.Copied:N0} / {progress.Total:N0} rows"));
            }, cancel.Token);
        }
        catch (OperationCanceledException)
        {
            await stderr.WriteLineAsync($"copy-to failed: interrupted; nothing was kept in {to.DataSource}");
            return 1;
        }
        // A server refusing, a source that is not a database, or a column type the copy does not know: one line, no stack.
        catch (Exception e) when (e is Npgsql.NpgsqlException or Microsoft.Data.Sqlite.SqliteException or IOException or InvalidOperationException)
        {
            await stderr.WriteLineAsync($"copy-to failed: {e.GetBaseException().Message}; nothing was kept in {to.DataSource}");
            return 1;
        }

        if (result.Counts.Count > 0)
        {
            await stdout.WriteLineAsync("Count check:");
            var width = Math.Max("table".Length, result.Counts.Max(c => c.Table.Length));
            await stdout.WriteLineAsync(Invariant($"  {"table".PadRight(width)}  {"SQLite",12}  {"PostgreSQL",12}"));
            foreach (var count in result.Counts)
            {
                var note = (count.Matches, count.Copied) switch
                {
                    (false, _) => "  DIFFERS",
                    (true, false) => "  ok (kept by PostgreSQL)",
                    _ => "  ok",
                };
                await stdout.WriteLineAsync(Invariant($"  {count.Table.PadRight(width)}  {count.Source,12:N0}  {count.Target,12:N0}{note}"));
            }
        }
        if (!result.Succeeded)
        {
            await stderr.WriteLineAsync("copy-to failed: " + result.Problem);
            return 1;
        }
        if (result.Warning is not null) await stderr.WriteLineAsync("copy-to: warning: " + result.Warning);
        await stdout.WriteLineAsync(Invariant($"Copied {result.Counts.Where(c => c.Copied).Sum(c => c.Target):N0} rows in {started.Elapsed.TotalSeconds:0.0} s. Point ConnectionStrings:AiCompare at {to.DataSource} and start the nodes."));
        return 0;

        void Cancel(PosixSignalContext context)
        {
            context.Cancel = true;
            cancel.Cancel();
        }
    }

    /// <summary>
    /// The connection string, with PGPASSWORD as its password when it gives none (so no password need appear
    /// in a shell's history), and no command timeout: copying a large catalog's tables, building its search
    /// documents and vacuuming can each take longer than the 30 s a page's statement may take.
    /// </summary>
    private static string WithPasswordFromEnvironment(string connectionString)
    {
        if (Db.ProviderOf(connectionString) != DatabaseProvider.PostgreSql) return connectionString;
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString) { CommandTimeout = 0 };
        if (string.IsNullOrEmpty(builder.Password) && Environment.GetEnvironmentVariable("PGPASSWORD") is { Length: > 0 } password) builder.Password = password;
        return builder.ToString();
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
