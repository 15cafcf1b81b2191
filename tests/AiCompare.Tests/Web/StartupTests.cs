using System.Net;
using AiCompare.Tests.Support;
using Microsoft.Data.Sqlite;

namespace AiCompare.Tests.Web;

public sealed class StartupTests
{
    [Fact]
    public async Task Restart_NeverOverwritesWhatIsInTheDatabase()
    {
        using var temp = new TempDirectory();
        var settings = new Dictionary<string, string> { ["ConnectionStrings:AiCompare"] = temp.ConnectionString };
        using (var first = SiteFactory.WithSettings(settings))
        {
            Assert.Equal(HttpStatusCode.OK, (await first.Client().GetAsync("/tools/smolvlm2")).StatusCode);
        }
        await using (var connection = new SqliteConnection(temp.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "UPDATE Tool SET Name = 'Edited In The Database' WHERE Slug = 'smolvlm2'";
            await command.ExecuteNonQueryAsync();
        }

        using var second = SiteFactory.WithSettings(settings);
        var doc = await second.Client().GetDocumentAsync("/tools/smolvlm2");

        Assert.Equal("Edited In The Database", doc.One("h1").Text());
    }

    [Fact]
    public async Task EmptyDatabaseWithBrokenContent_StartsAndLogsEveryProblem()
    {
        using var content = new TempDirectory();
        new ContentBuilder(content.Path).WithPanel().Tool("bad", "Bad", entry: "cheap");
        using var site = SiteFactory.WithContent(content.Path);

        using var response = await site.Client().GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(site.Logs, l => l.Contains("tools/bad.md: pricing.entry: 'cheap' is not one of free, freemium, paid", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Requests_AreLoggedOneLineEachWithoutQueryStrings()
    {
        using var site = new SiteFactory();

        await site.Client().GetAsync("/compare/nope-vs-smolvlm2?email=someone%40example.com");

        var line = Assert.Single(site.Logs, l => l.Contains("HTTP GET /compare/nope-vs-smolvlm2", StringComparison.Ordinal));
        Assert.Matches(@"HTTP GET /compare/nope-vs-smolvlm2 responded 404 in \d+(\.\d)? ms", line);
        Assert.DoesNotContain(site.Logs, l => l.Contains("someone", StringComparison.Ordinal));
    }
}
