using System.Diagnostics;
using System.Net;
using System.Text.Json;
using AiCompare.Data;
using AiCompare.Tests.Support;
using AiCompare.Web.Caching;
using AiCompare.Web.Pages.Compare;
using Dapper;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.Extensions.DependencyInjection;

namespace AiCompare.Tests.Web.Caching;

/// <summary>
/// Two nodes on one PostgreSQL database, in one process: what one writes reaches the other's caches
/// within a second, its sessions are valid on the other, and a node that lost its listening connection
/// drops what it held. (The same with real processes behind nginx: MultiNodeTests.)
/// </summary>
public sealed class NodeCoherenceTests
{
    private const string Tool = "/tools/smolvlm2-2b";

    [PostgresFact]
    public async Task AVoteThroughOneNode_IsInTheOthersTallies_WithinASecond()
    {
        using var a = SiteFactory.OnPostgreSql();
        using var b = a.AnotherNode();
        await ListeningAsync(a, b);
        var clientA = a.Client();
        var clientB = b.Client();
        // B holds the tool's page and its tally before the vote.
        (await clientB.GetAsync(Tool)).Dispose();
        Assert.Equal(0, await ShipsAsync(clientB, "smolvlm2-2b"));

        using (var voted = await clientA.SendAsync(Vote("smolvlm2-2b", "ship"))) Assert.Equal(HttpStatusCode.SeeOther, voted.StatusCode);
        var clock = Stopwatch.StartNew();

        while (await ShipsAsync(clientB, "smolvlm2-2b") != 1)
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), "node B's tally still lacks the vote after 1 s");
            await Task.Delay(20);
        }
        // A page B renders now shows it too.
        var page = await clientB.GetDocumentAsync("/compare/mistral-medium-3-vs-smolvlm2-2b");
        Assert.Equal("Ship · 100% of 1 vote", page.One("[data-community-decision='smolvlm2-2b']").Text());
    }

    [PostgresFact]
    public async Task SignedInOnOneNode_EditsOnTheOther_AndTheFirstNodesCachedPageGoes()
    {
        using var admin = AdminSite.On(SiteFactory.OnPostgreSql());
        using var b = admin.Factory.AnotherNode();
        await ListeningAsync(admin.Factory, b);
        var reader = admin.Client();
        (await reader.GetAsync(Tool)).Dispose();
        using (var cached = await reader.GetAsync(Tool)) Assert.True(cached.Headers.Contains("Age"), "the page was cached on node A");

        // One browser: signed in through A, then sent to B, as a load balancer would.
        var cookies = new CookieContainer();
        var onA = admin.Factory.CreateDefaultClient(new CookieContainerHandler(cookies));
        var onB = b.CreateDefaultClient(new CookieContainerHandler(cookies));
        using (var signedIn = await onA.SubmitAsync("/admin/login", "form[data-test=login-form]", new Dictionary<string, string?>
        {
            ["Email"] = AdminSite.AdminEmail,
            ["Password"] = AdminSite.Password,
        }))
        {
            Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        }
        long id;
        using (var connection = SuiteDatabase.Open(admin.Factory.ConnectionString))
        {
            id = connection.ExecuteScalar<long>("SELECT Id FROM Tool WHERE Slug = 'smolvlm2-2b'");
        }
        using (var saved = await onB.SubmitAsync($"/admin/tools/edit/{id}", "form[data-test=tool-form]", new Dictionary<string, string?> { ["Form.Tagline"] = "Edited on node B" }))
        {
            Assert.True(saved.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.SeeOther, $"the edit on B answered {(int)saved.StatusCode}");
        }
        var clock = Stopwatch.StartNew();

        while (true)
        {
            using var response = await reader.GetAsync(Tool);
            if ((await response.Content.ReadAsStringAsync()).Contains("Edited on node B", StringComparison.Ordinal)) break;
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), "node A still serves the page from before the edit after 1 s");
            await Task.Delay(20);
        }
    }

    [PostgresFact]
    public async Task ANodeThatLostItsListeningConnection_DropsWhatItHeld_WhenItReconnects()
    {
        using var site = SiteFactory.OnPostgreSql();
        await ListeningAsync(site);
        var listener = site.Services.GetRequiredService<ChangeListener>();
        var client = site.Client();
        (await client.GetAsync(Tool)).Dispose();
        using (var cached = await client.GetAsync(Tool)) Assert.True(cached.Headers.Contains("Age"));

        using (var admin = SuiteDatabase.Open(site.ConnectionString))
        {
            // The server ends the listening session; meanwhile a write arrives that this node never hears of.
            Assert.True(admin.ExecuteScalar<bool>("SELECT bool_or(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN%'"));
            admin.Execute("UPDATE Tool SET Tagline = 'Changed while nobody listened' WHERE Slug = 'smolvlm2-2b'");
        }
        var clock = Stopwatch.StartNew();
        while (listener.Connections < 2)
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), "the node did not listen again within 10 s");
            await Task.Delay(20);
        }

        using var response = await client.GetAsync(Tool);
        Assert.False(response.Headers.Contains("Age"), "the page was rendered again");
        Assert.Contains("Changed while nobody listened", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains(site.Logs, l => l.Contains("Listening to other nodes' changes again", StringComparison.Ordinal));
    }

    [PostgresFact]
    public async Task ANotificationThatIsNotOurs_DropsEverything_AndBreaksNothing()
    {
        using var site = SiteFactory.OnPostgreSql();
        await ListeningAsync(site);
        var client = site.Client();
        (await client.GetAsync(Tool)).Dispose();

        using (var other = SuiteDatabase.Open(site.ConnectionString))
        {
            other.Execute("SELECT pg_notify(@Channel, 'not one of ours')", new { Channel = ChangeWire.Channel });
        }
        var clock = Stopwatch.StartNew();
        while (site.Logs.All(l => !l.Contains("cannot read", StringComparison.Ordinal)))
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), "the notification was not taken within 1 s");
            await Task.Delay(20);
        }

        using var response = await client.GetAsync(Tool);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Age"), "the page was rendered again");
        Assert.True(site.Services.GetRequiredService<ChangeListener>().Listening);
    }

    [PostgresFact]
    public async Task ANode_ListensBeforeItServes_SoThePagesItCachesFirstAreKept()
    {
        using var site = SiteFactory.OnPostgreSql();
        var client = site.Client();
        var listener = site.Services.GetRequiredService<ChangeListener>();
        Assert.True(listener.Listening, "the node listens once it has started");
        Assert.Equal(1, listener.Connections);

        (await client.GetAsync(Tool)).Dispose();
        await Task.Delay(200);
        using var again = await client.GetAsync(Tool);
        Assert.True(again.Headers.Contains("Age"), "the first page cached was not dropped by the node's own start");
        Assert.Equal(1, listener.Connections);
    }

    [PostgresFact]
    public async Task ANode_WarmsItsReadModelAfterItListens_SoTheWarmUpIsKept()
    {
        using var site = SiteFactory.OnPostgreSql();
        _ = site.Server;
        var clock = Stopwatch.StartNew();
        while (site.Logs.All(l => !l.Contains("Read model warmed", StringComparison.Ordinal)))
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), "the read model was not warmed within 10 s");
            await Task.Delay(20);
        }

        var model = site.Services.GetRequiredService<ToolReadModel>();
        using var database = SuiteDatabase.Open(site.ConnectionString);
        var published = database.Query<string>("SELECT Slug FROM Tool WHERE IsPublished = 1").ToList();
        Assert.NotEmpty(published);
        Assert.All(published, slug => Assert.True(model.Holds(slug), $"{slug} was warmed, then dropped"));
        Assert.Equal(1, site.Services.GetRequiredService<ChangeListener>().Connections);
    }

    /// <summary>Starts the nodes and waits until each listens to the others.</summary>
    public static async Task ListeningAsync(params SiteFactory[] nodes)
    {
        var clock = Stopwatch.StartNew();
        foreach (var node in nodes)
        {
            _ = node.Server;
            var listener = node.Services.GetRequiredService<ChangeListener>();
            while (!listener.Listening)
            {
                Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), "a node did not start listening within 10 s");
                await Task.Delay(10);
            }
        }
    }

    private static HttpRequestMessage Vote(string slug, string verdict) =>
        new(HttpMethod.Post, "/votes/" + slug) { Content = new FormUrlEncodedContent([new KeyValuePair<string, string>("verdict", verdict)]) };

    private static async Task<int> ShipsAsync(HttpClient client, string slug)
    {
        using var response = await client.GetAsync("/votes/tally?slug=" + slug);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty(slug).GetProperty("ships").GetInt32();
    }
}
