using System.Diagnostics;
using System.Net;
using System.Text.Json;
using AiCompare.Tests.Support;
using Dapper;

namespace AiCompare.Tests.Web.Hosting.MultiNode;

/// <summary>
/// Two nodes behind nginx on one PostgreSQL database (<see cref="TwoNodes"/>): a vote through one is in
/// the other's tallies within a second, a session started through the proxy works on both and an edit
/// reaches both nodes' cached pages within a second, and the weekly digest goes out once.
/// </summary>
public sealed class MultiNodeTests(TwoNodes nodes) : IClassFixture<TwoNodes>
{
    private const string Tool = "mistral-code";

    [MultiNodeFact]
    public async Task NodesStartedTogether_OnAnEmptyCatalog_SeedItOnce_AndAreBothReady()
    {
        using (var connection = SuiteDatabase.Open(nodes.ConnectionString))
        {
            Assert.Equal(Directory.GetFiles(Path.Combine(TestPaths.Content, "tools"), "*.md").Length, connection.ExecuteScalar<long>("SELECT count(*) FROM Tool"));
            Assert.Equal(4, connection.ExecuteScalar<long>("SELECT count(*) FROM Critic"));
        }
        foreach (var node in new[] { nodes.A, nodes.B })
        {
            using var client = TwoNodes.Direct(node);
            using var ready = await client.GetAsync("/readyz");
            Assert.True(ready.StatusCode == HttpStatusCode.OK, $"{node.Address} /readyz answered {(int)ready.StatusCode}\n{nodes.Output}");
        }
        Assert.DoesNotContain("Seed content problem", nodes.Output, StringComparison.Ordinal);
    }

    [MultiNodeFact]
    public async Task AVoteThroughNodeA_IsInNodeBsTalliesAndPages_WithinASecond()
    {
        using var a = TwoNodes.Direct(nodes.A);
        using var b = TwoNodes.Direct(nodes.B);
        // B holds the tool's tally before the vote.
        var before = await ShipsAsync(b, "smolvlm2");

        using (var voted = await a.SendAsync(TwoNodes.Vote("smolvlm2", "ship", nodes.A.Address)))
        {
            Assert.True(voted.StatusCode == HttpStatusCode.SeeOther, $"the vote answered {(int)voted.StatusCode}\n{nodes.Output}");
        }
        var clock = Stopwatch.StartNew();
        while (await ShipsAsync(b, "smolvlm2") != before + 1)
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), "node B's tally lacks the vote through node A after 1 s");
            await Task.Delay(20);
        }
        // A page node B renders now shows the vote too.
        var page = Html.Parse(await b.GetStringAsync("/compare/mercury-edit-2-vs-smolvlm2?in=3&out=1"));
        Assert.EndsWith(TwoNodes.Invariant($"of {before + 1} vote{(before + 1 == 1 ? "" : "s")}"), page.One("[data-community-decision='smolvlm2']").Text());
    }

    [MultiNodeFact]
    public async Task SignedInThroughNginx_TheSessionWorksOnBothNodes_AndAnEditReachesBothNodesCachedPages()
    {
        // Both nodes hold the tool's page.
        using var a = TwoNodes.Direct(nodes.A);
        using var b = TwoNodes.Direct(nodes.B);
        foreach (var node in new[] { a, b })
        {
            (await node.GetAsync($"/tools/{Tool}")).Dispose();
            using var cached = await node.GetAsync($"/tools/{Tool}");
            Assert.True(cached.Headers.Contains("Age"), "the page was cached on the node");
        }

        var cookies = new CookieContainer();
        using var browser = nodes.ThroughNginx("127.0.0.3", cookies);
        using (var signedIn = await browser.SubmitAsync("/admin/login", "form[data-test=login-form]", new Dictionary<string, string?>
        {
            ["Email"] = TwoNodes.AdminEmail,
            ["Password"] = AdminSite.Password,
        }))
        {
            Assert.True(signedIn.StatusCode == HttpStatusCode.Redirect, $"sign-in answered {(int)signedIn.StatusCode}\n{nodes.Output}");
        }
        // Round-robin: consecutive requests alternate between the nodes; every one is signed in.
        for (var i = 0; i < 4; i++)
        {
            using var admin = await browser.GetAsync("/admin/tools");
            Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
        }
        var served = nodes.Nginx.AccessLog.Split('\n').Where(l => l.StartsWith("GET /admin/tools 200 ", StringComparison.Ordinal)).Select(l => l.Split(' ')[^1]).ToHashSet();
        Assert.Equal(new[] { $"127.0.0.1:{nodes.A.Address.Port}", $"127.0.0.1:{nodes.B.Address.Port}" }.Order(StringComparer.Ordinal), served.Order(StringComparer.Ordinal));

        long id;
        using (var connection = SuiteDatabase.Open(nodes.ConnectionString)) id = connection.ExecuteScalar<long>("SELECT Id FROM Tool WHERE Slug = @Tool", new { Tool });
        // The form from one node, posted to the other: antiforgery and session hold across nodes.
        using (var saved = await browser.SubmitAsync($"/admin/tools/edit/{id}", "form[data-test=tool-form]", new Dictionary<string, string?> { ["Form.Tagline"] = "Edited behind the balancer" }))
        {
            Assert.True(saved.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.SeeOther, $"the edit answered {(int)saved.StatusCode}\n{nodes.Output}");
        }
        var clock = Stopwatch.StartNew();
        foreach (var node in new[] { a, b })
        {
            while (!(await node.GetStringAsync($"/tools/{Tool}")).Contains("Edited behind the balancer", StringComparison.Ordinal))
            {
                Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), "a node still serves the page from before the edit after 1 s");
                await Task.Delay(20);
            }
        }
    }

    [MultiNodeFact]
    public async Task WithBothNodesRunningTheScheduler_TheDigestGoesToEachSubscriberOnce()
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (Digests().Count < TwoNodes.Subscribers.Length)
        {
            Assert.True(DateTime.UtcNow < deadline, $"{Digests().Count} digest emails after 60 s\n{nodes.Output}");
            await Task.Delay(200);
        }
        // Both schedulers go on waking every second: nothing more goes out.
        await Task.Delay(TimeSpan.FromSeconds(3));

        var sent = Digests();
        Assert.Equal(TwoNodes.Subscribers.Order(StringComparer.Ordinal), sent.Select(e => e.To).Order(StringComparer.Ordinal));
        using var connection = SuiteDatabase.Open(nodes.ConnectionString);
        Assert.Equal(1, connection.ExecuteScalar<long>("SELECT count(*) FROM Digest"));
        Assert.Equal(TwoNodes.Subscribers.Length, connection.ExecuteScalar<long>("SELECT count(*) FROM DigestSend WHERE Status = 'sent'"));
    }

    private List<Eml> Digests() =>
        Directory.Exists(nodes.Outbox)
            ? [.. Eml.ReadAll(nodes.Outbox).Where(e => e.Subject.StartsWith("Weekly AI Tool Verdicts:", StringComparison.Ordinal))]
            : [];

    private static async Task<int> ShipsAsync(HttpClient client, string slug)
    {
        using var response = await client.GetAsync("/votes/tally?slug=" + slug);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty(slug).GetProperty("ships").GetInt32();
    }
}
