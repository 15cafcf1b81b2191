using System.Net;
using System.Net.Http.Headers;
using AiCompare.Tests.Support;

namespace AiCompare.Tests.Web.Pages.Votes;

/// <summary>Community votes over HTTP: one per voter, changeable, capped per address, same-origin only.</summary>
public sealed class VoteTests
{
    private static HttpRequestMessage Vote(string slug, string verdict, string? returnPath = null, bool json = false)
    {
        var fields = new List<KeyValuePair<string, string>> { new("verdict", verdict) };
        if (returnPath is not null) fields.Add(new("return", returnPath));
        var request = new HttpRequestMessage(HttpMethod.Post, "/votes/" + slug) { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Add("Sec-Fetch-Site", "same-origin");
        request.Headers.Add("Origin", "http://localhost");
        if (json) request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return request;
    }

    private static async Task<string> CommunityAsync(HttpClient client, string url, string slug)
    {
        var doc = await client.GetDocumentAsync(url);
        return doc.One($"[data-community-decision='{slug}']").Text();
    }

    [Fact]
    public async Task FormVote_WithoutJavaScript_RecordsAnd303sBackWithTheTally()
    {
        using var site = new SiteFactory();
        var client = site.Client();

        using var response = await client.SendAsync(Vote("smolvlm2", "ship", "/compare/mercury-edit-2-vs-smolvlm2"));

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal("/compare/mercury-edit-2-vs-smolvlm2?voted=smolvlm2&verdict=ship", response.Headers.Location?.OriginalString);
        var cookie = response.Headers.GetValues("Set-Cookie").Single();
        Assert.StartsWith("aic_voter=", cookie, StringComparison.Ordinal);
        Assert.Contains("path=/votes", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("Ship · 100% of 1 vote", await CommunityAsync(client, "/compare/mercury-edit-2-vs-smolvlm2", "smolvlm2"));
        Assert.Equal("Ship · 100% of 1 vote", await CommunityAsync(client, "/tools/smolvlm2", "smolvlm2"));
        var hero = (await client.GetDocumentAsync("/compare/mercury-edit-2-vs-smolvlm2")).QuerySelectorAll("[data-test=hero]")[1];
        Assert.Equal("100%", hero.One("[data-test=community]").Text());
    }

    [Fact]
    public async Task SameVoter_ChangesTheirVoteInsteadOfAddingOne()
    {
        using var site = new SiteFactory();
        var client = site.Client();

        await client.SendAsync(Vote("mistral-code", "ship"));
        await client.SendAsync(Vote("mistral-code", "ship"));
        using var changed = await client.SendAsync(Vote("mistral-code", "skip", json: true));
        var json = await changed.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Contains("\"ships\":0", json, StringComparison.Ordinal);
        Assert.Contains("\"skips\":1", json, StringComparison.Ordinal);
        Assert.Contains("\"decision\":\"Skip · 0% of 1 vote\"", json, StringComparison.Ordinal);
        Assert.Equal("Skip · 0% of 1 vote", await CommunityAsync(client, "/tools/mistral-code", "mistral-code"));
    }

    [Fact]
    public async Task ManyVoters_TallyWithTheVerdictRule()
    {
        using var site = SiteFactory.WithSettings(new Dictionary<string, string> { ["Votes:PerAddressCap"] = "100" });
        for (var i = 0; i < 25; i++)
        {
            using var response = await site.Client().SendAsync(Vote("smolvlm2-2b", i < 16 ? "ship" : "skip"));
            Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        }

        Assert.Equal("Ship · 64% of 25 votes", await CommunityAsync(site.Client(), "/tools/smolvlm2-2b", "smolvlm2-2b"));
    }

    [Fact]
    public async Task AddressCap_StopsOneMachineStuffingTheBox()
    {
        using var site = SiteFactory.WithSettings(new Dictionary<string, string> { ["Votes:PerAddressCap"] = "2" });

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++) statuses.Add((await site.Client().SendAsync(Vote("mistral-4b-edge", "ship"))).StatusCode);

        Assert.Equal([HttpStatusCode.SeeOther, HttpStatusCode.SeeOther, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal("Ship · 100% of 2 votes", await CommunityAsync(site.Client(), "/tools/mistral-4b-edge", "mistral-4b-edge"));
    }

    [Theory]
    [InlineData("cross-site", null)]
    [InlineData("same-site", null)]
    [InlineData(null, "https://evil.example")]
    [InlineData("same-origin", "http://localhost.evil.example")]
    public async Task CrossSitePost_IsRefused403AndNotCounted(string? fetchSite, string? origin)
    {
        using var site = new SiteFactory();
        var request = new HttpRequestMessage(HttpMethod.Post, "/votes/smolvlm2") { Content = new FormUrlEncodedContent([new("verdict", "skip")]) };
        if (fetchSite is not null) request.Headers.Add("Sec-Fetch-Site", fetchSite);
        if (origin is not null) request.Headers.Add("Origin", origin);

        using var response = await site.Client().SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie"));
        Assert.Equal("No community votes yet", await CommunityAsync(site.Client(), "/tools/smolvlm2", "smolvlm2"));
    }

    [Fact]
    public async Task ClientSendingNeitherHeader_IsAccepted()
    {
        using var site = new SiteFactory();
        var request = new HttpRequestMessage(HttpMethod.Post, "/votes/smolvlm2") { Content = new FormUrlEncodedContent([new("verdict", "ship")]) };

        using var response = await site.Client().SendAsync(request);

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
    }

    [Theory]
    [InlineData("smolvlm2", "maybe", HttpStatusCode.BadRequest)]
    [InlineData("smolvlm2", "", HttpStatusCode.BadRequest)]
    [InlineData("no-such-tool", "ship", HttpStatusCode.NotFound)]
    [InlineData("Bad_Slug", "ship", HttpStatusCode.NotFound)]
    public async Task BadVote_ClearErrorNothingStored(string slug, string verdict, HttpStatusCode expected)
    {
        using var site = new SiteFactory();

        using var response = await site.Client().SendAsync(Vote(slug, verdict));

        Assert.Equal(expected, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [Theory]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example/")]
    [InlineData("/\\evil.example")]
    public async Task ReturnPath_OffSite_FallsBackToTheToolPage(string returnPath)
    {
        using var site = new SiteFactory();

        using var response = await site.Client().SendAsync(Vote("smolvlm2", "ship", returnPath));

        Assert.Equal("/tools/smolvlm2?voted=smolvlm2&verdict=ship", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task TooManyVotesFromOneAddress_AreRateLimitedWithRetryAfter()
    {
        using var site = SiteFactory.WithSettings(new Dictionary<string, string> { ["Votes:PerMinutePerAddress"] = "2" });
        var client = site.Client();
        await client.SendAsync(Vote("smolvlm2", "ship"));
        await client.SendAsync(Vote("smolvlm2", "skip"));

        using var third = await client.SendAsync(Vote("smolvlm2", "ship"));

        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.True(third.Headers.Contains("Retry-After"));
    }

    [Fact]
    public async Task Mine_ReturnsOnlyThisVotersVotes()
    {
        using var site = new SiteFactory();
        var me = site.Client();
        var other = site.Client();
        await me.SendAsync(Vote("smolvlm2", "skip"));
        await other.SendAsync(Vote("mistral-code", "ship"));

        using var response = await me.GetAsync("/votes/mine?slug=smolvlm2&slug=mistral-code&slug=%3Cx%3E");
        var json = await response.Content.ReadAsStringAsync();

        Assert.Equal("{\"smolvlm2\":\"skip\"}", json);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        Assert.Equal("{}", await (await site.Client().GetAsync("/votes/mine?slug=smolvlm2")).Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/tools/smolvlm2")]
    [InlineData("/compare/mercury-edit-2-vs-smolvlm2")]
    public async Task PagesWithVoteForms_CarryNoTokenAndSetNoCookie(string url)
    {
        using var site = new SiteFactory();
        var client = site.Client();
        await client.SendAsync(Vote("smolvlm2", "ship"));

        using var response = await client.GetAsync(url);
        var doc = Html.Parse(await response.Content.ReadAsStringAsync());

        Assert.False(response.Headers.Contains("Set-Cookie"));
        Assert.Empty(doc.QuerySelectorAll("input[name=__RequestVerificationToken]"));
        Assert.NotEmpty(doc.QuerySelectorAll("form[data-test=vote-form] button[name=verdict][value=ship]"));
        Assert.All(doc.QuerySelectorAll("button[aria-pressed]"), b => Assert.Equal("false", b.GetAttribute("aria-pressed")));
    }
}
