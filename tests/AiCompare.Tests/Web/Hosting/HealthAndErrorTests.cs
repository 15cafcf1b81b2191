using System.Net;
using AiCompare.Tests.Support;
using Microsoft.Data.Sqlite;

namespace AiCompare.Tests.Web.Hosting;

/// <summary>Health answers for the database; a broken database gives a plain error page, no internals.</summary>
public sealed class HealthAndErrorTests
{
    [Fact]
    public async Task Healthz_DatabaseAnswers_200()
    {
        using var site = new SiteFactory();

        using var response = await site.Client().GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ok", await response.Content.ReadAsStringAsync());
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.CacheControl?.NoStore, response.Headers.CacheControl?.ToString());
    }

    [SqliteSuiteFact]
    public async Task Healthz_DatabaseGone_503()
    {
        using var site = new SiteFactory();
        var client = site.Client();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);

        BreakDatabase(site.DatabaseFile);
        using var response = await client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("database unavailable", await response.Content.ReadAsStringAsync());
        Assert.True(response.Headers.CacheControl?.NoStore, response.Headers.CacheControl?.ToString());
        Assert.Contains(site.Logs, l => l.StartsWith("Warning ", StringComparison.Ordinal) && l.Contains("Health check failed:", StringComparison.Ordinal));
    }

    [SqliteSuiteFact]
    public async Task Healthz_DatabaseReplacedByEmptyFile_503()
    {
        using var site = new SiteFactory();
        var client = site.Client();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);

        SqliteConnection.ClearAllPools();
        DeleteDatabase(site.DatabaseFile);
        using var response = await client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
    }

    [SqliteSuiteFact]
    public async Task Page_DatabaseGone_Answers500PageWithoutInternals()
    {
        using var site = new SiteFactory();
        var client = site.Client();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);

        BreakDatabase(site.DatabaseFile);
        using var response = await client.GetAsync("/compare/mistral-medium-3-vs-smolvlm2-2b");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains("Something went wrong on our side", body, StringComparison.Ordinal);
        Assert.DoesNotContain("SqliteException", body, StringComparison.Ordinal);
        Assert.DoesNotContain("at AiCompare", body, StringComparison.Ordinal);
        Assert.DoesNotContain(site.DatabaseFile, body, StringComparison.Ordinal);
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task ErrorRoute_VisitedDirectly_Is404()
    {
        using var site = new SiteFactory();

        using var response = await site.Client().GetAsync("/error/500");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    /// <summary>Puts a folder where the database file was: every open now fails.</summary>
    private static void BreakDatabase(string file)
    {
        SqliteConnection.ClearAllPools();
        DeleteDatabase(file);
        Directory.CreateDirectory(file);
    }

    private static void DeleteDatabase(string file)
    {
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            if (File.Exists(file + suffix)) File.Delete(file + suffix);
        }
    }
}
