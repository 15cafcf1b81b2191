using System.Net;
using System.Text.Json;
using AiCompare.Data;
using AiCompare.Domain;
using AiCompare.Tests.Support;
using AiCompare.Web.Pages.Votes;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace AiCompare.Tests.Web.Pages.Votes;

/// <summary>
/// Votes evict no page: cached pages stay, every render takes the tally from the live board,
/// <c>/votes/tally</c> answers from it, and a voter without JavaScript sees their vote on an uncached page.
/// </summary>
public sealed class LiveTallyTests : IDisposable
{
    private const string Pair = "/compare/mercury-edit-2-vs-smolvlm2";
    private const string Tool = "/tools/smolvlm2";
    private readonly SiteFactory _site = new();

    public void Dispose() => _site.Dispose();

    private static HttpRequestMessage Vote(string slug, string verdict, string? returnPath = null)
    {
        var fields = new List<KeyValuePair<string, string>> { new("verdict", verdict) };
        if (returnPath is not null) fields.Add(new("return", returnPath));
        return new HttpRequestMessage(HttpMethod.Post, "/votes/" + slug) { Content = new FormUrlEncodedContent(fields) };
    }

    private static void AssertPerReader(HttpResponseMessage response)
    {
        Assert.True(response.Headers.CacheControl is { Private: true, NoStore: true, Public: false }, $"Cache-Control: {response.Headers.CacheControl}");
    }

    private static async Task<JsonElement> TallyAsync(HttpClient client, string query)
    {
        using var response = await client.GetAsync("/votes/tally" + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    [Fact]
    public async Task Vote_LeavesCachedPairAndToolPages_AndTheTallyEndpointHasItAtOnce()
    {
        var client = _site.Client();
        foreach (var url in new[] { Pair, Tool }) (await client.GetAsync(url)).Dispose();

        using (var voted = await client.SendAsync(Vote("smolvlm2", "ship"))) Assert.Equal(HttpStatusCode.SeeOther, voted.StatusCode);

        using var pair = await client.GetAsync(Pair);
        using var tool = await client.GetAsync(Tool);
        Assert.True(pair.Headers.Contains("Age"));
        Assert.True(tool.Headers.Contains("Age"));
        // The cached bytes keep the tally they were rendered with.
        var cached = Html.Parse(await pair.Content.ReadAsStringAsync());
        Assert.Equal("No community votes yet", cached.One("[data-community-decision='smolvlm2']").Text());
        var live = (await TallyAsync(client, "?slug=smolvlm2")).GetProperty("smolvlm2");
        Assert.Equal(1, live.GetProperty("ships").GetInt32());
        Assert.Equal(0, live.GetProperty("skips").GetInt32());
        Assert.Equal(1, live.GetProperty("votes").GetInt32());
        Assert.Equal("100%", live.GetProperty("hero").GetString());
        Assert.Equal("Ship · 100% of 1 vote", live.GetProperty("decision").GetString());
    }

    [Fact]
    public async Task PagesRenderedAfterAVote_TakeTheTallyFromTheBoard_NotTheKeptSnapshot()
    {
        var client = _site.Client();
        // Loads both tools' snapshots into the read model, which a vote no longer evicts.
        (await client.GetAsync(Pair)).Dispose();

        using (await client.SendAsync(Vote("smolvlm2", "skip"))) { }

        // Pages never cached before: each shows the tally as of its render.
        var other = await client.GetDocumentAsync("/compare/mistral-medium-3-vs-smolvlm2");
        Assert.Equal("Skip · 0% of 1 vote", other.One("[data-community-decision='smolvlm2']").Text());
        Assert.Equal("0%", other.QuerySelectorAll("[data-community-hero='smolvlm2']").Single().Text());
        var variant = await client.GetDocumentAsync(Pair + "?in=10&out=2");
        Assert.Equal("Skip · 0% of 1 vote", variant.One("[data-community-decision='smolvlm2']").Text());
        var category = await client.GetDocumentAsync("/categories/developer-tools");
        Assert.Equal("Skip · 0% of 1 vote", category.One("[data-community-row='smolvlm2']").Text());
        using var api = await client.GetAsync("/api/v1/compare/mercury-edit-2-vs-smolvlm2");
        var community = JsonDocument.Parse(await api.Content.ReadAsStringAsync()).RootElement.GetProperty("b").GetProperty("community");
        Assert.Equal(1, community.GetProperty("skips").GetInt32());
    }

    [Fact]
    public async Task NoJsVoter_SubmitsThePairPageForm_SeesTallyAndNotice_OnAPageNeverStored()
    {
        var client = _site.Client();
        var page = await client.GetDocumentAsync(Pair); // now cached, without the vote
        using var posted = await client.SubmitAsync(page, Pair, "form[data-vote='smolvlm2']", buttonSelector: "button[value=ship]");
        Assert.Equal(HttpStatusCode.SeeOther, posted.StatusCode);
        var location = posted.Headers.Location!.OriginalString;
        Assert.Equal(Pair + "?voted=smolvlm2&verdict=ship", location);

        using var after = await client.GetAsync(location);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        AssertPerReader(after);
        Assert.False(after.Headers.Contains("Age"));
        Assert.False(after.Headers.Contains("Set-Cookie"));
        var doc = Html.Parse(await after.Content.ReadAsStringAsync());
        var notice = doc.One("[data-test=vote-notice]");
        Assert.Equal("status", notice.GetAttribute("role"));
        Assert.Equal("Your ship vote on SmolVLM2 is counted.", notice.Text());
        Assert.Equal("Ship · 100% of 1 vote", doc.One("[data-community-decision='smolvlm2']").Text());

        // Never stored: the same address again renders again (no Age), and the plain page is the earlier entry.
        using var again = await client.GetAsync(location);
        Assert.False(again.Headers.Contains("Age"));
        using var plain = await client.GetAsync(Pair);
        Assert.True(plain.Headers.Contains("Age"));
        Assert.Null(Html.Parse(await plain.Content.ReadAsStringAsync()).QuerySelector("[data-test=vote-notice]"));
    }

    [Fact]
    public async Task NoJsVoter_OnTheToolPage_SeesTheNotice_AndKeepsOtherQueryValues()
    {
        var client = _site.Client();

        using var posted = await client.SendAsync(Vote("smolvlm2", "skip", Pair + "?in=10&voted=other&verdict=ship&out=2#decision"));
        var location = posted.Headers.Location!.OriginalString;
        Assert.Equal(Pair + "?in=10&out=2&voted=smolvlm2&verdict=skip#decision", location);
        var pair = await client.GetDocumentAsync(location.Split('#')[0]);
        Assert.Equal("Your skip vote on SmolVLM2 is counted.", pair.One("[data-test=vote-notice]").Text());
        Assert.Contains("10M in + 2M out", pair.Body!.TextContent, StringComparison.Ordinal);

        using var toolPosted = await client.SendAsync(Vote("smolvlm2", "ship"));
        using var tool = await client.GetAsync(toolPosted.Headers.Location!.OriginalString);
        AssertPerReader(tool);
        var doc = Html.Parse(await tool.Content.ReadAsStringAsync());
        Assert.Equal("Your ship vote on SmolVLM2 is counted.", doc.One("[data-test=vote-notice]").Text());
        Assert.Equal("Ship · 100% of 1 vote", doc.One("[data-community-decision='smolvlm2']").Text());
    }

    [Theory]
    [InlineData("?voted=mistral-code&verdict=ship")]          // a tool the page does not show
    [InlineData("?voted=smolvlm2&verdict=maybe")]             // not a verdict
    [InlineData("?voted=%3Cscript%3E&verdict=ship")]          // not a slug
    [InlineData("?voted=smolvlm2")]                           // no verdict
    public async Task HandMadeMarker_ShowsNoNotice_AndIsNeverStored(string query)
    {
        var client = _site.Client();

        using var first = await client.GetAsync(Tool + query);
        using var second = await client.GetAsync(Tool + query);

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.False(second.Headers.Contains("Age"));
        AssertPerReader(second);
        var doc = Html.Parse(await second.Content.ReadAsStringAsync());
        Assert.Null(doc.QuerySelector("[data-test=vote-notice]"));
        doc.AssertNoInjectedScript();
    }

    [Theory]
    [InlineData("https://evil.example/", "/tools/smolvlm2?voted=smolvlm2&verdict=ship")]
    [InlineData("//evil.example/?voted=x", "/tools/smolvlm2?voted=smolvlm2&verdict=ship")]
    [InlineData("/compare/a-vs-b?x=%0d%0aSet-Cookie:1", "/tools/smolvlm2?voted=smolvlm2&verdict=ship")]
    [InlineData("/compare/a-vs-b?voted=//evil.example", "/compare/a-vs-b?voted=smolvlm2&verdict=ship")]
    [InlineData("/tools/smolvlm2?", "/tools/smolvlm2?voted=smolvlm2&verdict=ship")]
    [InlineData("/tools/smolvlm2?&&", "/tools/smolvlm2?voted=smolvlm2&verdict=ship")]
    public async Task HostileReturnAndMarker_StayLocal(string returnPath, string expected)
    {
        using var response = await _site.Client().SendAsync(Vote("smolvlm2", "ship", returnPath));

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal(expected, response.Headers.Location?.OriginalString);
    }

    [Fact]
    public void Mark_TooLongToStayLocal_FallsBackToTheToolPage()
    {
        var longest = "/tools/smolvlm2?q=" + new string('a', AiCompare.Web.Hosting.LocalUrl.MaxLength - 20);

        Assert.Equal("/tools/x?voted=x&verdict=skip", VoteNotice.Mark(longest, "x", ReviewVerdict.Skip));
    }

    [Fact]
    public async Task TallyEndpoint_IgnoresBadSlugs_OmitsUnknownTools_AnswersAtMostFifty_SetsNoCookie()
    {
        var client = _site.Client();

        using var none = await client.GetAsync("/votes/tally");
        Assert.Equal("{}", await none.Content.ReadAsStringAsync());
        Assert.Equal("public, max-age=1", none.Headers.CacheControl?.ToString());
        Assert.False(none.Headers.Contains("Set-Cookie"));

        var mixed = await TallyAsync(client, "?slug=smolvlm2&slug=NOT%20A%20SLUG&slug=%3Cb%3E&slug=no-such-tool&slug=smolvlm2&slug=&slug=mistral-code");
        Assert.Equal(["smolvlm2", "mistral-code"], mixed.EnumerateObject().Select(p => p.Name));
        Assert.Equal("No community votes yet", mixed.GetProperty("mistral-code").GetProperty("decision").GetString());
        Assert.Equal("—", mixed.GetProperty("mistral-code").GetProperty("hero").GetString());

        // Fifty-one slugs: only the first fifty are looked at, so the last (a real tool) is left out.
        var query = string.Concat(Enumerable.Range(0, 50).Select(i => $"slug=unknown-{i}&")) + "slug=smolvlm2";
        using var many = await client.GetAsync("/votes/tally?" + query);
        Assert.Equal(HttpStatusCode.OK, many.StatusCode);
        Assert.Equal("{}", await many.Content.ReadAsStringAsync());
        var fifty = string.Concat(Enumerable.Range(0, 49).Select(i => $"slug=unknown-{i}&")) + "slug=smolvlm2";
        Assert.True((await TallyAsync(client, "?" + fifty)).TryGetProperty("smolvlm2", out _));
    }

    [Fact]
    public async Task TallyEndpoint_LoadsMissingToolsOnto_TheBoard_ThenAnswersFromMemory()
    {
        // No warming: the read model would offer every tool's tally to the board at start.
        using var site = SiteFactory.WithSettings(new Dictionary<string, string> { ["Catalog:WarmOnStart"] = "false" });
        var board = site.Services.GetRequiredService<TallyBoard>();
        var before = board.Count;

        var first = await TallyAsync(site.Client(), "?slug=smolvlm2&slug=mistral-code&slug=smolvlm2-2b");
        // Behind the board's back: a board answering from memory does not see it.
        using (var connection = SuiteDatabase.Open(site.ConnectionString))
            connection.Execute("INSERT INTO VoteTally (ToolId, Ships, Skips) SELECT Id, 7, 0 FROM Tool WHERE Slug = 'smolvlm2'");
        var second = await TallyAsync(site.Client(), "?slug=smolvlm2&slug=mistral-code&slug=smolvlm2-2b");

        Assert.Equal(before + 3, board.Count);
        Assert.Equal(3, first.EnumerateObject().Count());
        Assert.Equal(0, second.GetProperty("smolvlm2").GetProperty("votes").GetInt32());
    }

    [Fact]
    public async Task ToolsReadIntoTheReadModel_HaveTheirTalliesOnTheBoard_WithoutASecondQuery()
    {
        using var site = SiteFactory.WithSettings(new Dictionary<string, string> { ["Catalog:WarmOnStart"] = "false" });
        var board = site.Services.GetRequiredService<TallyBoard>();
        using (var connection = SuiteDatabase.Open(site.ConnectionString))
            connection.Execute("INSERT INTO VoteTally (ToolId, Ships, Skips) SELECT Id, 3, 2 FROM Tool WHERE Slug = 'smolvlm2'");

        await site.Services.GetRequiredService<AiCompare.Web.Pages.Compare.ToolReadModel>().GetToolsAsync(["smolvlm2", "mistral-code"]);
        // Behind the board's back: only a query would see this, and the page must not need one.
        using (var connection = SuiteDatabase.Open(site.ConnectionString))
            connection.Execute("UPDATE VoteTally SET Ships = 99");

        var live = await board.GetAsync(["smolvlm2", "mistral-code"]);
        Assert.Equal(new CommunityTally(3, 2), live["smolvlm2"]);
        Assert.Equal(CommunityTally.None, live["mistral-code"]);
        var page = await site.Client().GetDocumentAsync("/compare/mistral-code-vs-smolvlm2");
        Assert.Equal("Ship · 60% of 5 votes", page.One("[data-community-decision='smolvlm2']").Text());
    }

    [Fact]
    public async Task ConcurrentVotes_BoardEqualsTheDatabase()
    {
        var tools = new[] { "smolvlm2", "mistral-code", "smolvlm2-2b" };
        var board = _site.Services.GetRequiredService<TallyBoard>();
        await board.GetAsync(tools); // on the board before the votes: from here on only announcements move it
        var writer = _site.Services.GetRequiredService<VoteWriter>();

        // Fifty voters vote twice on the same tool, some changing their verdict.
        var results = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => Task.Run(() => writer.SubmitAsync(
            new VoteRequest(tools[i % 3], $"voter-{i % 150:D18}xyz", $"address-{i}", i % 7 < 3 ? ReviewVerdict.Skip : ReviewVerdict.Ship, PerAddressCap: 5)))));

        Assert.All(results, r => Assert.Equal(VoteOutcome.Recorded, r.Outcome));
        var live = await board.GetAsync(tools);
        using var connection = SuiteDatabase.Open(_site.ConnectionString);
        foreach (var slug in tools)
        {
            var stored = connection.QuerySingle<(int Ships, int Skips)>(
                "SELECT COALESCE(SUM(CASE WHEN v.Verdict = 'ship' THEN 1 ELSE 0 END), 0), COALESCE(SUM(CASE WHEN v.Verdict = 'skip' THEN 1 ELSE 0 END), 0) FROM Tool t LEFT JOIN Vote v ON v.ToolId = t.Id WHERE t.Slug = @slug", new { slug });
            Assert.Equal(new CommunityTally(stored.Ships, stored.Skips), live[slug]);
        }
        Assert.Equal(150, connection.ExecuteScalar<int>("SELECT COUNT(*) FROM Vote"));
    }
}
