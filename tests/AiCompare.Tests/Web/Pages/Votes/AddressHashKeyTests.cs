using System.Net;
using System.Text;
using AiCompare.Tests.Support;
using AiCompare.Web.Hosting;
using AiCompare.Web.Pages.Votes;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace AiCompare.Tests.Web.Pages.Votes;

/// <summary>
/// The key of the stored address hashes (votes, newsletter consent) lives outside the database, so a
/// copy of the database alone does not give the addresses back.
/// </summary>
public sealed class AddressHashKeyTests
{
    private const string Address = "203.0.113.9";

    private static HttpRequestMessage Vote(string slug)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/votes/" + slug) { Content = new FormUrlEncodedContent([new("verdict", "ship")]) };
        request.Headers.Add("Sec-Fetch-Site", "same-origin");
        request.Headers.Add("Origin", "http://localhost");
        return request;
    }

    private static HttpRequestMessage Signup(string email)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/newsletter/subscribe") { Content = new FormUrlEncodedContent([new("email", email), new("t", "1")]) };
        request.Headers.Add("Sec-Fetch-Site", "same-origin");
        request.Headers.Add("Origin", "http://localhost");
        return request;
    }

    private static string KeyFileOf(SiteFactory site) => Path.Combine(Path.GetDirectoryName(site.DatabaseFile)!, AddressHashKey.DefaultFileName);

    /// <summary>Every text and blob value in every table of the database, as text.</summary>
    private static List<string> AllValues(string connectionString)
    {
        using var connection = SuiteDatabase.Open(connectionString);
        var values = new List<string>();
        var tables = SuiteDatabase.Provider == AiCompare.Data.DatabaseProvider.Sqlite
            ? "SELECT name FROM sqlite_master WHERE type = 'table'"
            : "SELECT quote_ident(tablename) FROM pg_tables WHERE schemaname = 'public'";
        foreach (var table in connection.Query<string>(tables).ToList())
        {
            // Names from the database's own catalog (PostgreSQL's already quoted).
            using var reader = connection.ExecuteReader(SuiteDatabase.Provider == AiCompare.Data.DatabaseProvider.Sqlite ? $"SELECT * FROM \"{table}\"" : $"SELECT * FROM {table}");
            while (reader.Read())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    switch (reader.GetValue(i))
                    {
                        case string s: values.Add(s); break;
                        case byte[] b: values.Add(Encoding.UTF8.GetString(b)); values.Add(Convert.ToBase64String(b)); values.Add(Convert.ToHexString(b)); break;
                    }
                }
            }
        }
        return values;
    }

    [Fact]
    public void OnPostgreSql_AKeyMustBeConfigured_TheSameOnEveryNode()
    {
        var (none, problem) = AddressHashKey.Resolve(new SecurityOptions(), databasePath: null, sharedDatabase: true);
        Assert.Null(none);
        Assert.Contains("Security:AddressHashKey or Security:AddressHashKeyFile", problem, StringComparison.Ordinal);
        Assert.Contains("every node", problem, StringComparison.Ordinal);

        var configured = new string('k', AddressHashKey.MinimumLength);
        var (key, ok) = AddressHashKey.Resolve(new SecurityOptions { AddressHashKey = configured }, databasePath: null, sharedDatabase: true);
        Assert.Null(ok);
        Assert.Equal(Encoding.UTF8.GetBytes(configured), key);
    }

    [SqliteSuiteFact]
    public async Task DefaultKey_IsAnOwnerOnlyFileBesideTheDatabase_AndNowhereInTheDatabase()
    {
        using var site = new SiteFactory();
        Assert.Equal(HttpStatusCode.SeeOther, (await site.Client().SendAsync(Vote("smolvlm2"))).StatusCode);
        Assert.Equal(HttpStatusCode.SeeOther, (await site.Client().SendAsync(Signup("reader@example.com"))).StatusCode);

        var keyText = File.ReadAllText(KeyFileOf(site)).Trim();
        var keyBytes = Encoding.UTF8.GetBytes(keyText);
        var decoded = Convert.FromBase64String(keyText);
        Assert.Equal(32, decoded.Length);
        if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(KeyFileOf(site)));
        // The key as the site uses it (the file's text), and the random bytes it encodes, in every form.
        string[] forms = [keyText, Convert.ToHexString(decoded), Convert.ToHexString(keyBytes), Convert.ToBase64String(keyBytes), Convert.ToHexString(decoded).ToLowerInvariant()];
        var values = AllValues(site.ConnectionString);
        Assert.Contains(values, v => v.Length == 32 && v.All(Uri.IsHexDigit)); // the stored hashes were scanned too
        foreach (var form in forms)
            Assert.DoesNotContain(values, v => v.Contains(form, StringComparison.OrdinalIgnoreCase));
        using var connection = SuiteDatabase.Open(site.ConnectionString);
        Assert.Equal(0, connection.ExecuteScalar<int>("SELECT COUNT(*) FROM SiteSecret WHERE Name = 'address-hash-key'"));
        // The site hashes with the file's key: the vote and the consent each store that hash.
        var stored = connection.Query<string>("SELECT AddressHash FROM Vote UNION ALL SELECT ConsentAddressHash FROM Subscriber").ToList();
        Assert.Equal(2, stored.Count);
        Assert.Equal(new AddressHasher(keyBytes).Of(Address), site.Services.GetRequiredService<AddressHasher>().Of(Address));
        Assert.All(stored, h => Assert.Equal(stored[0], h));
    }

    [Fact]
    public async Task ConfiguredKey_IsUsed_NoFileIsMade_AndTheHashChangesWithTheKey()
    {
        var first = new string('a', 40);
        var second = new string('b', 40);
        using var one = SiteFactory.WithSettings(new Dictionary<string, string> { ["Security:AddressHashKey"] = first });
        using var two = SiteFactory.WithSettings(new Dictionary<string, string> { ["Security:AddressHashKey"] = second });
        Assert.Equal(HttpStatusCode.SeeOther, (await one.Client().SendAsync(Vote("smolvlm2"))).StatusCode);

        var hashOne = one.Services.GetRequiredService<AddressHasher>().Of(Address);
        var hashTwo = two.Services.GetRequiredService<AddressHasher>().Of(Address);

        Assert.Equal(new AddressHasher(Encoding.UTF8.GetBytes(first)).Of(Address), hashOne);
        Assert.Equal(new AddressHasher(Encoding.UTF8.GetBytes(second)).Of(Address), hashTwo);
        Assert.NotEqual(hashOne, hashTwo);
        Assert.False(File.Exists(KeyFileOf(one)));
        Assert.DoesNotContain(AllValues(one.ConnectionString), v => v.Contains(first, StringComparison.Ordinal));
    }

    [Fact]
    public void ConfiguredKeyFile_IsUsed()
    {
        using var temp = new TempDirectory();
        var file = temp.Combine("secrets", "votes.key");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllText(file, "  a key from the operator's own secret store  \n");
        using var site = SiteFactory.WithSettings(new Dictionary<string, string> { ["Security:AddressHashKeyFile"] = file });

        var hash = site.Services.GetRequiredService<AddressHasher>().Of(Address);

        Assert.Equal(new AddressHasher(Encoding.UTF8.GetBytes("a key from the operator's own secret store")).Of(Address), hash);
        Assert.False(File.Exists(KeyFileOf(site)));
    }

    public static TheoryData<string, string, string> BadSettings() => new()
    {
        { "Security:AddressHashKey", "too short", "Security:AddressHashKey must be at least 32 characters (got 9)" },
        { "Security:AddressHashKeyFile", "{temp}/missing.key", "Security:AddressHashKeyFile" },
        { "Security:AddressHashKeyFile", "{temp}", "Security:AddressHashKeyFile" }, // a folder: unreadable as a file
        { "Security:AddressHashKeyFile", "{temp}/short.key", "Security:AddressHashKeyFile" },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public void BadSetting_StopsStartUpWithAMessageNamingIt(string setting, string value, string message)
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.Combine("short.key"), "abc\n");
        using var site = SiteFactory.WithSettings(new Dictionary<string, string> { [setting] = value.Replace("{temp}", temp.Path, StringComparison.Ordinal) });

        var error = site.StartError();

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BothKeyAndKeyFile_StopStartUp()
    {
        using var site = SiteFactory.WithSettings(new Dictionary<string, string>
        {
            ["Security:AddressHashKey"] = new string('k', 40),
            ["Security:AddressHashKeyFile"] = "/etc/hostname",
        });

        var error = site.StartError();

        Assert.Contains("Set Security:AddressHashKey or Security:AddressHashKeyFile, not both", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Restart_SameKeyKeepsTheCap_NewKeyRestartsIt()
    {
        var cap = new Dictionary<string, string> { ["Votes:PerAddressCap"] = "1" };
        var first = SiteFactory.WithSettings(cap);
        Assert.Equal(HttpStatusCode.SeeOther, (await first.Client().SendAsync(Vote("smolvlm2"))).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await first.Client().SendAsync(Vote("smolvlm2"))).StatusCode);
        var keyFile = KeyFileOf(first);

        // Restarted on the same database: the default key file is kept, so is the cap.
        var again = first.Restarted(cap);
        first.Dispose();
        Assert.Equal(HttpStatusCode.TooManyRequests, (await again.Client().SendAsync(Vote("smolvlm2"))).StatusCode);

        // Rotated (a new key file): earlier hashes no longer match, so each address may vote up to the cap again.
        File.Delete(keyFile);
        using var rotated = again.Restarted(cap);
        again.Dispose();
        Assert.Equal(HttpStatusCode.SeeOther, (await rotated.Client().SendAsync(Vote("smolvlm2"))).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await rotated.Client().SendAsync(Vote("smolvlm2"))).StatusCode);
        using var connection = SuiteDatabase.Open(rotated.ConnectionString);
        Assert.Equal(2, connection.ExecuteScalar<int>("SELECT COUNT(*) FROM Vote"));
    }
}
