using System.Net;
using System.Text.Json;
using AiCompare.Tests.Support;
using AngleSharp.Dom;

namespace AiCompare.Tests.Web.Pages.Compare;

/// <summary>A comparison reads in the order of its URL; the ordinal order is the canonical one.</summary>
public sealed class ReaderOrderTests(SiteFactory site) : IClassFixture<SiteFactory>
{
    private const string Seed004 = "/compare/smolvlm2-2b-vs-mistral-medium-3";
    private const string Seed004Ordinal = "/compare/mistral-medium-3-vs-smolvlm2-2b";
    private const string Seed000 = "/compare/smolvlm2-vs-mercury-edit-2";
    private const string Seed000Ordinal = "/compare/mercury-edit-2-vs-smolvlm2";

    [Fact]
    public async Task Seed004_InTheReadersOrder_ReadsLikeTheSeed()
    {
        var doc = await site.Client().GetDocumentAsync(Seed004);

        Assert.Equal("SmolVLM2-2B vs Mistral Medium 3 | AiCompare", doc.Title);
        Assert.Equal("Compare / SmolVLM2-2B vs Mistral Medium 3", doc.One("nav.breadcrumb").Text());
        Assert.Equal("SmolVLM2-2B vs Mistral Medium 3", doc.One("h1").Text());
        Assert.Equal(["SmolVLM2-2B", "Mistral Medium 3"], doc.QuerySelectorAll("[data-test=hero] [data-test=name]").Select(e => e.Text()));
        Assert.Equal(["100%", "75%"], doc.QuerySelectorAll("[data-test=hero] [data-test=panel-ship]").Select(e => e.Text()));
        Assert.Equal(["Decision", "SmolVLM2-2B", "Mistral Medium 3"], doc.QuerySelectorAll("[data-test=decision] thead th").Select(th => th.Text()));
        Assert.Equal(["Ship · 4 ship / 0 skip", "Ship · 3 ship / 1 skip"], Row(doc.One("[data-test=decision]"), "Panel verdict"));
        Assert.Equal(["Free / Open Source (Apache 2.0)", "API pricing per token (approx. $0.40/M input, $2.00/M output tokens)"], Row(doc.One("[data-test=decision]"), "Pricing"));
        Assert.Equal(["$0.00", "$8.00"], Row(doc.One("[data-test=decision]"), "10M in + 2M out tokens / month"));
        Assert.Equal(["Critic", "SmolVLM2-2B", "Mistral Medium 3"], doc.QuerySelectorAll("[data-test=scorecard] thead th").Select(th => th.Text()));
    }

    [Theory]
    [InlineData("Builder", "85/100 · ship", "82/100 · ship")]
    [InlineData("Skeptic", "78/100 · ship", "75/100 · ship")]
    [InlineData("Futurist", "82/100 · ship", "78/100 · ship")]
    [InlineData("Founder", "72/100 · ship", "55/100 · skip")]
    public async Task Seed004_InTheReadersOrder_ScorecardColumnsMatchTheSeed(string critic, string first, string second)
    {
        var doc = await site.Client().GetDocumentAsync(Seed004);

        var row = doc.QuerySelectorAll("[data-test=scorecard] tbody tr").Single(tr => tr.One("th").Text() == critic);

        Assert.Equal([first, second], row.QuerySelectorAll("td .score").Select(s => s.Text()));
    }

    [Fact]
    public async Task Seed004_InTheReadersOrder_DescriptionShareAndDisagreementFollowIt()
    {
        var doc = await site.Client().GetDocumentAsync(Seed004);

        Assert.StartsWith("SmolVLM2-2B vs Mistral Medium 3: panel verdict Ship · 4 ship / 0 skip against Ship · 3 ship / 1 skip", doc.One("meta[name=description]").GetAttribute("content"), StringComparison.Ordinal);
        Assert.StartsWith("SmolVLM2-2B vs Mistral Medium 3: SmolVLM2-2B SHIP (4/0), Mistral Medium 3 SHIP (3/1)", doc.One("[data-test=share-text]").Text(), StringComparison.Ordinal);
        Assert.Contains("ships SmolVLM2-2B (72/100) but skips Mistral Medium 3 (55/100)", doc.One("[data-test=disagreement]").Text(), StringComparison.Ordinal);
        // The shared link reads in the order of the shared text.
        Assert.EndsWith(Uri.EscapeDataString(Seed004), doc.QuerySelectorAll("[data-test=share] a").First().GetAttribute("href"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Seed004, Seed004Ordinal)]
    [InlineData(Seed004Ordinal, Seed004Ordinal)]
    [InlineData(Seed000, Seed000Ordinal)]
    [InlineData(Seed000Ordinal, Seed000Ordinal)]
    public async Task EitherOrder_CanonicalOgUrlAndBreadcrumbName_TheOrdinalUrl(string url, string canonical)
    {
        var doc = await site.Client().GetDocumentAsync(url);

        Assert.EndsWith(canonical, doc.One("link[rel=canonical]").GetAttribute("href"), StringComparison.Ordinal);
        Assert.EndsWith(canonical, doc.One("meta[property='og:url']").GetAttribute("content"), StringComparison.Ordinal);
        using var json = JsonDocument.Parse(doc.One("script[type='application/ld+json']").TextContent);
        var items = json.RootElement.GetProperty("itemListElement");
        Assert.EndsWith(canonical, items[items.GetArrayLength() - 1].GetProperty("item").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Seed000_InTheReadersOrder_ReadsLikeTheSeed()
    {
        var doc = await site.Client().GetDocumentAsync(Seed000);

        Assert.Equal("SmolVLM2 vs Mercury Edit 2 | AiCompare", doc.Title);
        Assert.Equal("SmolVLM2 vs Mercury Edit 2", doc.One("h1").Text());
        Assert.Equal(["SmolVLM2", "Mercury Edit 2"], doc.QuerySelectorAll("[data-test=hero] [data-test=name]").Select(e => e.Text()));
        Assert.Equal(["Open-source 2B vision-language model that punches above its weight class", "Diffusion LLM that predicts your next code edit in parallel — not word by word"],
            doc.QuerySelectorAll("[data-test=hero] [data-test=tagline]").Select(e => e.Text()));
        Assert.Equal(["100%", "75%"], doc.QuerySelectorAll("[data-test=hero] [data-test=panel-ship]").Select(e => e.Text()));
        Assert.Equal(["Decision", "SmolVLM2", "Mercury Edit 2"], doc.QuerySelectorAll("[data-test=decision] thead th").Select(th => th.Text()));
        Assert.Equal(["Critic", "SmolVLM2", "Mercury Edit 2"], doc.QuerySelectorAll("[data-test=scorecard] thead th").Select(th => th.Text()));
    }

    [Theory]
    [InlineData("/compare/SmolVLM2-2B-vs-Mistral-Medium-3", Seed004)]
    [InlineData("/compare/Mistral-Medium-3-vs-SmolVLM2-2B", Seed004Ordinal)]
    [InlineData("/compare/SMOLVLM2-vs-mercury-edit-2", Seed000)]
    [InlineData("/compare/smolvlm2-vs-SmolVLM2", "/tools/smolvlm2")]
    [InlineData("/compare/smolvlm2-vs-smolvlm2", "/tools/smolvlm2")]
    public async Task Redirects_KeepTheOrderAsked(string url, string expected)
    {
        using var response = await site.Client().GetAsync(url);

        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal(expected, response.Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData("/compare/smolvlm2-vs-no-such-tool")]
    [InlineData("/compare/no-such-tool-vs-smolvlm2")]
    public async Task UnknownSlug_InEitherOrder_StillAnswers404(string url)
    {
        var doc = await site.Client().GetDocumentAsync(url, expectedStatus: 404);

        Assert.Contains(doc.QuerySelectorAll("[data-test=not-found] a"), a => a.GetAttribute("href") == "/tools/smolvlm2");
    }

    private static string[] Row(IElement table, string header) =>
        table.QuerySelectorAll("tbody tr")
            .Single(tr => tr.One("th").Text() == header)
            .QuerySelectorAll("td").Select(td => td.Text()).ToArray();
}
