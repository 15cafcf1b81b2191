using System.Globalization;
using AiCompare.Data;
using AiCompare.Web.Hosting;

namespace AiCompare.Web.Cli;

/// <summary>
/// Command-line verbs of the site's executable, e.g. <c>dotnet run --project src/AiCompare.Web -- import content</c>.
/// They read the same configuration as the site (appsettings, environment variables).
/// </summary>
public static class CommandLine
{
    private const string VerbList = """
        Commands:
          (none)                                       run the site (host settings allowed: --urls URL, --environment NAME, --Key=Value)
          import <directory>                           validate and import a content folder (reviewers/*.md, tools/*.md)
          export <directory>                           write the catalog as content files (import reads them back unchanged)
          generate --tools N [--seed S]                add N synthetic tools (reviews, prices, tallies) for load tests
          add-editor <email> [--admin] [--name NAME]   create an editor account; the password is read from standard input or prompted for
          unlock-editor <email>                        clear an account's sign-in failures and paused addresses
          backup <file> [--force]                      copy the database while the site runs, then check the copy
          restore <file>                               put a backup in place of the database of a stopped site (the old one is kept aside)
          copy-to "<connection string>"                move the SQLite database into an empty PostgreSQL database (see README: Scaling out)
          help                                         list these commands (also --help, -h)
        """;

    /// <summary>
    /// Whether the arguments name a command rather than run the site. The site takes only host settings:
    /// switches (<c>--urls …</c>, <c>--Key=Value</c>) and the provider's bare <c>Key=Value</c> form. Any
    /// other first word is a command, known or not, so that a misspelt one never starts a second site.
    /// </summary>
    public static bool IsCommand(string[] args) =>
        args.Length > 0 && (args[0] is "--help" or "-h" || !(args[0].StartsWith('-') || args[0].Contains('=', StringComparison.Ordinal)));

    public static async Task<int> RunAsync(string[] args, TextWriter? stdout = null, TextWriter? stderr = null, TextReader? stdin = null)
    {
        stdout ??= Console.Out;
        stderr ??= Console.Error;
        switch (args[0])
        {
            case "add-editor":
                return await AddEditorCommand.RunAsync(args[1..], stdout, stderr, stdin);
            case "unlock-editor":
                return await UnlockEditorCommand.RunAsync(args[1..], stdout, stderr);
            case "backup":
                return await BackupCommand.RunAsync(args[1..], stdout, stderr);
            case "restore":
                return await RestoreCommand.RunAsync(args[1..], stdout, stderr);
            case "export":
                return await ExportCommand.RunAsync(args[1..], stdout, stderr);
            case "copy-to":
                return await CopyToCommand.RunAsync(args[1..], stdout, stderr);
            case "generate":
                return await GenerateCommand.RunAsync(args[1..], stdout, stderr);
            case "import" when args.Length == 2:
                return await ImportCommand.RunAsync(args[1], stdout, stderr);
            case "import":
                await stderr.WriteLineAsync("usage: import <content-directory>");
                return 2;
            case "help" or "--help" or "-h":
                await stdout.WriteLineAsync(Usage());
                return 0;
            default:
                await stderr.WriteLineAsync($"unknown command '{args[0]}'");
                await stderr.WriteLineAsync(Usage());
                return 2;
        }
    }

    private static string Usage() => "usage: " + AppLocation.Command("[command] [arguments]") + "\n\n" + VerbList;

    /// <summary>
    /// The full path of the database file the site would use (ConnectionStrings:AiCompare, relative to the
    /// working directory), read from the site's configuration without building its services; null when in memory.
    /// </summary>
    internal static string? DatabasePath() => DatabaseFile.PathOf(ConnectionString());

    /// <summary>The site's connection string (ConnectionStrings:AiCompare, or the default), read without building its services.</summary>
    internal static string ConnectionString()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppLocation.ContentRoot([]) });
        using var configuration = builder.Configuration;
        return DatabaseStartup.ConnectionString(configuration);
    }

    /// <summary>
    /// For <c>backup</c> and <c>restore</c> on PostgreSQL: the command of PostgreSQL's own tool that does it
    /// (<c>pg_dump</c> or <c>pg_restore</c>, custom format) for the configured database, or null on SQLite.
    /// The password is never printed: the tools read it from PGPASSWORD or ~/.pgpass.
    /// </summary>
    internal static string? PostgreSqlTool(string connectionString, string verb, string file)
    {
        if (Db.ProviderOf(connectionString) != DatabaseProvider.PostgreSql) return null;
        var c = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        var target = $"-h {Quote(c.Host ?? "localhost")} -p {c.Port.ToString(CultureInfo.InvariantCulture)} -U {Quote(c.Username ?? Environment.UserName)} -d {Quote(c.Database ?? "")}";
        return verb == "backup"
            ? $"pg_dump --format=custom --file={Quote(Path.GetFullPath(file))} {target}"
            : $"pg_restore --clean --if-exists --no-owner --single-transaction {target} {Quote(Path.GetFullPath(file))}";

        // Single-quoted for a POSIX shell.
        static string Quote(string value) =>
            value.Length > 0 && value.All(ch => char.IsAsciiLetterOrDigit(ch) || "-_./:@".Contains(ch)) ? value : "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
    }

    /// <summary>Rows per table of a checked database, one aligned line each.</summary>
    internal static async Task WriteTableCountsAsync(TextWriter stdout, DatabaseFile.Report report)
    {
        var width = report.Tables.Max(t => t.Table.Length);
        foreach (var (table, rows) in report.Tables)
        {
            await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  {table.PadRight(width)}  {rows,12:N0}"));
        }
    }

    /// <summary>The site's services, as the site configures them, for a verb to use.</summary>
    internal static WebApplication BuildServices()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppLocation.ContentRoot([]) });
        builder.AddAiCompare();
        return builder.Build();
    }
}
