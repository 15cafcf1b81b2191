using System.Net;
using System.Text;
using AiCompare.Tests.Support;
using AiCompare.Web.Pages.Votes;
using Dapper;
using Microsoft.Data.Sqlite;

namespace AiCompare.Tests.Web.Hosting;

/// <summary>The published site as a real process: zero setup makes the address hash key file; a bad key stops start-up.</summary>
public sealed class AddressHashKeyProcessTests(PublishedSite published) : IClassFixture<PublishedSite>
{
    [Fact]
    public async Task NothingConfigured_MakesAnOwnerOnlyKeyFileBesideTheDatabase_AndHashesVotesWithIt()
    {
        using var temp = new TempDirectory();
        using (var site = await SiteProcess.StartAsync(published.Dll, temp.Path, connectionString: null))
        {
            using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = site.Address, Timeout = TimeSpan.FromSeconds(20) };
            using var vote = new HttpRequestMessage(HttpMethod.Post, "/votes/smolvlm2") { Content = new FormUrlEncodedContent([new("verdict", "ship")]) };
            vote.Headers.Add("Sec-Fetch-Site", "same-origin");
            using var response = await client.SendAsync(vote);
            Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        }

        var keyFile = temp.Combine("data", AddressHashKey.DefaultFileName);
        Assert.True(File.Exists(keyFile), "no key file beside data/aicompare.db");
        if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyFile));
        var key = File.ReadAllText(keyFile).Trim();
        using var connection = new SqliteConnection($"Data Source={temp.Combine("data", "aicompare.db")};Pooling=false");
        Assert.Equal(new AddressHasher(Encoding.UTF8.GetBytes(key)).Of("127.0.0.1"), connection.ExecuteScalar<string>("SELECT AddressHash FROM Vote"));
    }

    [Fact]
    public async Task ShortKey_StopsStartUpWithAMessageNamingTheSetting()
    {
        using var temp = new TempDirectory();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            SiteProcess.StartAsync(published.Dll, temp.Path, connectionString: null, "--Security:AddressHashKey=short"));

        Assert.Contains("exited with code", error.Message, StringComparison.Ordinal);
        Assert.Contains("Security:AddressHashKey must be at least 32 characters (got 5)", error.Message, StringComparison.Ordinal);
    }
}
