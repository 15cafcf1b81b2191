using System.Security.Cryptography;
using System.Text;
using AiCompare.Data;
using AiCompare.Web.Hosting;

namespace AiCompare.Web.Pages.Votes;

/// <summary>
/// Where the address hash's key comes from: <c>Security:AddressHashKey</c>, else the file
/// <c>Security:AddressHashKeyFile</c> names, else (SQLite) <c>address-hash.key</c> beside the database,
/// made with owner-only permissions on first start. Never the database itself: with the key beside the
/// hashes, hashing every IPv4 address recovers each stored address in seconds. On PostgreSQL there is no
/// database file to put it beside, and every node must hash with the same key (per-address vote caps
/// are global): one of the two settings is required.
/// </summary>
public static class AddressHashKey
{
    public const int MinimumLength = 32;
    public const string DefaultFileName = "address-hash.key";

    /// <summary>The key, or a problem naming the setting that is wrong.</summary>
    public static (byte[]? Key, string? Problem) Resolve(SecurityOptions options, string? databasePath, bool sharedDatabase = false)
    {
        var key = options.AddressHashKey;
        var file = options.AddressHashKeyFile;
        if (key.Length > 0 && file.Length > 0)
            return (null, "Set Security:AddressHashKey or Security:AddressHashKeyFile, not both.");
        if (key.Length > 0) return FromText(key.Trim(), "Security:AddressHashKey");
        if (file.Length > 0) return FromFile(Path.GetFullPath(file), "Security:AddressHashKeyFile", create: false);
        if (sharedDatabase)
            return (null, "On PostgreSQL set Security:AddressHashKey or Security:AddressHashKeyFile, the same on every node: votes are capped per address across all nodes, so every node must hash addresses with one key.");
        // An in-memory database keeps nothing, so a key for this run alone loses nothing.
        if (databasePath is null) return (RandomNumberGenerator.GetBytes(32), null);
        return FromFile(Path.Combine(Path.GetDirectoryName(databasePath)!, DefaultFileName), "the default address hash key file (Security:AddressHashKeyFile)", create: true);
    }

    private static (byte[]?, string?) FromText(string text, string setting) => text.Length < MinimumLength
        ? (null, $"{setting} must be at least {MinimumLength} characters (got {text.Length}).")
        : (Encoding.UTF8.GetBytes(text), null);

    private static (byte[]?, string?) FromFile(string path, string setting, bool create)
    {
        try
        {
            if (create && !File.Exists(path)) CreateKeyFile(path);
            return FromText(File.ReadAllText(path).Trim(), $"{setting} ({path})");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (null, $"{setting}: cannot read {path}: {e.Message}");
        }
    }

    /// <summary>A new random key, readable by the site's user alone. Two instances starting at once make one file between them.</summary>
    private static void CreateKeyFile(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        try
        {
            using var stream = new FileStream(path, options);
            stream.Write(Encoding.ASCII.GetBytes(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) + "\n"));
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another instance made it first: use theirs.
        }
    }

    /// <summary>The database file the configuration names, or null for an in-memory one or a server.</summary>
    public static string? DatabasePath(IConfiguration configuration) => DatabaseFile.PathOf(DatabaseStartup.ConnectionString(configuration));

    /// <summary>Whether the configuration names a database several nodes share (PostgreSQL).</summary>
    public static bool SharedDatabase(IConfiguration configuration) =>
        Db.ProviderOf(DatabaseStartup.ConnectionString(configuration)) == DatabaseProvider.PostgreSql;
}
