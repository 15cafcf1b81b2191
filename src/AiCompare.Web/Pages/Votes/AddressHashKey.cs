using System.Security.Cryptography;
using System.Text;
using AiCompare.Data;
using AiCompare.Web.Hosting;

namespace AiCompare.Web.Pages.Votes;

/// <summary>
/// Where the address hash's key comes from: <c>Security:AddressHashKey</c>, else the file
/// <c>Security:AddressHashKeyFile</c> names, else <c>address-hash.key</c> beside the database, made with
/// owner-only permissions on first start. Never the database itself: with the key beside the hashes,
/// hashing every IPv4 address recovers each stored address in seconds.
/// </summary>
public static class AddressHashKey
{
    public const int MinimumLength = 32;
    public const string DefaultFileName = "address-hash.key";

    /// <summary>The key, or a problem naming the setting that is wrong.</summary>
    public static (byte[]? Key, string? Problem) Resolve(SecurityOptions options, string? databasePath)
    {
        var key = options.AddressHashKey;
        var file = options.AddressHashKeyFile;
        if (key.Length > 0 && file.Length > 0)
            return (null, "Set Security:AddressHashKey or Security:AddressHashKeyFile, not both.");
        if (key.Length > 0) return FromText(key.Trim(), "Security:AddressHashKey");
        if (file.Length > 0) return FromFile(Path.GetFullPath(file), "Security:AddressHashKeyFile", create: false);
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

    /// <summary>The database file the configuration names, or null for an in-memory one.</summary>
    public static string? DatabasePath(IConfiguration configuration) => DatabaseFile.PathOf(DatabaseStartup.ConnectionString(configuration));
}
