using System.Globalization;
using AiCompare.Data;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace AiCompare.Web.Hosting;

/// <summary>
/// What the site does to its database before it serves: the database lock, migrations, then the seed content.
/// </summary>
public static class DatabaseStartup
{
    /// <summary>The configured connection string (ConnectionStrings:AiCompare), or the default one.</summary>
    public static string ConnectionString(IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString("AiCompare");
        return string.IsNullOrWhiteSpace(connectionString) ? ServiceRegistration.DefaultConnectionString : connectionString;
    }

    /// <summary>
    /// Takes the database's shared lock for the site's lifetime (so <c>restore</c> can tell the site runs),
    /// applies migrations, then imports the content folder when the catalog is empty. Returns null when the
    /// database is ready, or one line naming the path and the cause when its storage cannot be used
    /// (missing or read-only folder, read-only file, a restore in progress): the caller prints it and exits.
    /// </summary>
    public static async Task<string?> InitializeDatabaseAsync(this IServiceProvider services)
    {
        var log = services.GetRequiredService<ILoggerFactory>().CreateLogger("AiCompare.Startup");
        string? path;
        try
        {
            path = DatabaseFile.PathOf(ConnectionString(services.GetRequiredService<IConfiguration>()));
        }
        catch (ArgumentException e)
        {
            return $"AiCompare cannot start: ConnectionStrings:AiCompare: {e.Message}";
        }
        FileStream? held = null;
        Db? db = null;
        IReadOnlyList<string> applied;
        try
        {
            db = services.GetRequiredService<Db>();
            if (path is not null) held = DatabaseFile.HoldShared(path);
            applied = services.GetRequiredService<Migrator>().Migrate();
            if (db.Provider == DatabaseProvider.Sqlite)
            {
                // With nothing to migrate, nothing has been written yet, and in WAL mode a read-only file fails
                // only when a commit reaches its -wal: commit one write that changes nothing.
                using var connection = db.Open();
                var version = connection.ExecuteScalar<long>("PRAGMA user_version");
                connection.Execute(string.Create(CultureInfo.InvariantCulture, $"PRAGMA user_version = {version}"));
            }
        }
        catch (Exception e) when (path is not null && e is IOException or UnauthorizedAccessException or SqliteException)
        {
            held?.Dispose();
            return StorageProblem(path, e);
        }
        catch (Npgsql.NpgsqlException e) when (db is not null)
        {
            // The server refused, is unreachable, or the database or its rights are missing: one line, no stack.
            return $"AiCompare cannot start: the PostgreSQL database {db.DataSource} cannot be used: {e.GetBaseException().Message}";
        }
        if (held is not null) services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopped.Register(held.Dispose);
        log.LogInformation("Database {DataSource}: {Count} migration(s) applied", db!.DataSource, applied.Count);

        if (await services.GetRequiredService<EditorRepository>().CountAsync() == 0)
        {
            log.LogWarning("No editor accounts yet. Create the first admin with: {Command}", AppLocation.Command("add-editor you@example.com --admin"));
        }

        if (services.GetRequiredService<IHostEnvironment>().IsProduction() && services.GetRequiredService<SiteOrigin>().Configured is null)
        {
            log.LogWarning("Site:BaseUrl is not set: links in emails, feeds and the API will point to {BaseUrl}", AbsoluteUrls.DevelopmentBaseUrl);
        }

        var catalog = services.GetRequiredService<CatalogRepository>();
        if (await catalog.CountToolsAsync() > 0) return null;

        var contentPath = services.GetRequiredService<IOptions<ContentOptions>>().Value.FullPath();
        var result = services.GetRequiredService<ContentImporter>().Import(contentPath);
        if (result.Succeeded)
        {
            log.LogInformation("Seeded an empty catalog from {ContentPath}: {Created} item(s) created", contentPath, result.Created.Count);
            return null;
        }
        foreach (var problem in result.Problems)
        {
            log.LogError("Seed content problem: {Problem}", problem.ToString());
        }
        log.LogError("The catalog is empty and {ContentPath} could not be imported; fix the files above and restart, or run the import verb", contentPath);
        return null;
    }

    /// <summary>One line: which path could not be used, and why, without a stack trace.</summary>
    private static string StorageProblem(string path, Exception e)
    {
        const string Prefix = "AiCompare cannot start: ";
        var folder = Path.GetDirectoryName(path)!;
        for (var part = folder; !string.IsNullOrEmpty(part); part = Path.GetDirectoryName(part))
        {
            if (File.Exists(part)) return $"{Prefix}the database folder {folder} cannot be created: {part} is a file, not a folder";
        }
        if (!Directory.Exists(folder))
        {
            return $"{Prefix}the database folder {folder} cannot be created: {Cause(e)}";
        }
        return e switch
        {
            IOException io when DatabaseFile.IsLockConflict(io) =>
                $"{Prefix}the database {path} is being restored (another process holds {DatabaseFile.LockPathOf(path)} exclusively); start the site when the restore has finished",
            UnauthorizedAccessException =>
                $"{Prefix}the database folder {folder} is read-only for this user ({Cause(e)}); the site needs to write the database, its -wal, -shm and .lock files there",
            SqliteException { SqliteErrorCode: 8 } =>
                $"{Prefix}the database {path} is read-only ({Cause(e)}); the site needs to write it, its -wal and -shm files and its folder",
            SqliteException { SqliteErrorCode: 14 } =>
                $"{Prefix}the database {path} cannot be opened ({Cause(e)}); check that the file and its folder exist and are writable for this user",
            _ => $"{Prefix}the database {path} cannot be used: {Cause(e)}",
        };
    }

    private static string Cause(Exception e) => e is SqliteException sqlite ? DatabaseFile.Describe(sqlite) : e.Message;
}
