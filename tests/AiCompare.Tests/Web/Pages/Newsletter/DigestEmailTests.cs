using System.Text.RegularExpressions;
using AiCompare.Tests.Support;
using AiCompare.Web.Pages.Newsletter;
using AngleSharp.Dom;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace AiCompare.Tests.Web.Pages.Newsletter;

/// <summary>The weekly digest as its subscribers get it: the HTML document, the plain text and the headers.</summary>
public sealed class DigestEmailTests : IDisposable
{
    // Seed reviews: only mistral-medium-3 (2026-05-26, 3 ship / 1 skip, scores 82 75 78 55) falls in the week to Monday 2026-06-01.
    private static readonly DateTimeOffset Slot = new(2026, 6, 1, 8, 0, 0, TimeSpan.Zero);
    private const string Base = "https://aicompare.example";
    private readonly SiteFactory _site = SiteFactory.WithSettings(new Dictionary<string, string> { ["Site:BaseUrl"] = Base });

    public void Dispose() => _site.Dispose();

    private async Task<IReadOnlyList<Eml>> SendAsync(params string[] subscribers)
    {
        _ = _site.Server;
        using (var connection = SuiteDatabase.Open(_site.ConnectionString))
            foreach (var email in subscribers)
                connection.Execute("INSERT INTO Subscriber (Email, Status, CreatedAt, UpdatedAt) VALUES (@Email, 'confirmed', '2026-01-01', '2026-01-01')", new { Email = email });
        await _site.Services.GetRequiredService<Digests>().SendAsync(Slot);
        return Eml.ReadAll(_site.Outbox);
    }

    [Fact]
    public async Task Digest_Html_IsAnEmailDocumentWithBrandTitlePreheaderAndDarkMode()
    {
        var email = Assert.Single(await SendAsync("reader@example.com"));
        var doc = Html.Parse(email.Html);

        Assert.Equal("en", doc.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Weekly AI Tool Verdicts: 1 new verdict, week of 1 June 2026", doc.Title);
        Assert.Equal(email.Subject, doc.Title);
        Assert.Equal("width=device-width, initial-scale=1", doc.One("meta[name=viewport]").GetAttribute("content"));
        Assert.Equal("light dark", doc.One("meta[name=color-scheme]").GetAttribute("content"));
        Assert.Contains("@media (prefers-color-scheme: dark)", doc.One("head style").TextContent, StringComparison.Ordinal);
        Assert.Equal("AiCompare", doc.One("[data-test=brand]").Text());
        Assert.Equal("Weekly AI Tool Verdicts", doc.One("[data-test=masthead] h1").Text());
        var preheader = doc.One("[data-test=preheader]");
        Assert.Equal("Mistral Medium 3: Ship. Plus Mistral Medium 3 vs SmolVLM2-2B, critic by critic.", preheader.Text());
        Assert.Contains("display:none", preheader.GetAttribute("style"), StringComparison.Ordinal);
        Assert.Same(preheader, doc.Body!.QuerySelectorAll("*").First(e => e.TextContent.Trim().Length > 0 && e.Children.Length == 0));
        // Layout tables are presentation; the one data table (the scores) is not.
        Assert.All(doc.QuerySelectorAll("table:not([data-test=pair-table])"), t => Assert.Equal("presentation", t.GetAttribute("role")));
        Assert.Contains("max-width:600px", doc.Body.InnerHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Digest_EachToolOfTheWeek_HasChipSplitAverageTaglineAndOneCriticsLine()
    {
        var doc = Html.Parse(Assert.Single(await SendAsync("reader@example.com")).Html);

        var tool = Assert.Single(doc.QuerySelectorAll("[data-test=digest-tool]"));
        Assert.Equal("mistral-medium-3", tool.GetAttribute("data-slug"));
        Assert.Equal($"{Base}/tools/mistral-medium-3", tool.One("h3 a").GetAttribute("href"));
        Assert.Equal("Mistral Medium 3", tool.One("h3").Text());
        var chip = tool.One("[data-test=chip]");
        Assert.Equal("ship", chip.GetAttribute("data-verdict"));
        Assert.Equal("✓ Ship", chip.Text()); // the call in words, not colour alone
        Assert.Equal("3 ship / 1 skip", tool.One("[data-test=split]").Text());
        Assert.Equal("avg 73/100", tool.One("[data-test=average]").Text());
        Assert.Equal("128K context, frontier-tier reasoning at half the cost · Developer Tools", tool.One("[data-test=tagline]").Text());
        // The strongest voice for the panel's call (the highest ship score), cut to its first sentence.
        var quote = tool.One("[data-test=quote]");
        Assert.Equal("“Swapping the base URL and model name in an existing OpenAI-style client was the whole migration.”", quote.One("p").Text());
        Assert.Equal("The Builder", quote.One("[data-test=quote-critic]").Text());
        Assert.DoesNotContain("Mistral 4B Edge", doc.Body!.TextContent, StringComparison.Ordinal); // reviewed three weeks earlier
    }

    [Fact]
    public async Task Digest_ComparisonOfTheWeek_ScoresSideBySideWithButtonsToThePages()
    {
        var doc = Html.Parse(Assert.Single(await SendAsync("reader@example.com")).Html);

        // One tool this week: it meets its category's best-known rival (no reader votes yet: the most reviewed, then the best scored).
        var pair = doc.One("[data-test=pair]");
        Assert.Equal("Mistral Medium 3 vs SmolVLM2-2B", pair.One("[data-test=pair-title]").Text());
        var table = pair.One("[data-test=pair-table]");
        Assert.Equal(["Critic", "Mistral Medium 3", "SmolVLM2-2B"], table.QuerySelectorAll("thead th").Select(th => th.Text()));
        Assert.All(table.QuerySelectorAll("thead th"), th => Assert.Equal("col", th.GetAttribute("scope")));
        var rows = table.One("tbody").Children.Select(r => r.Children.Select(c => c.Text()).ToArray()).ToList();
        Assert.Equal(5, rows.Count);
        Assert.Equal(["The Builder", "82 Ship"], rows[0][..2]);
        Assert.Equal(["The Founder", "55 Skip"], rows[3][..2]);
        Assert.Equal("Panel", rows[4][0]);
        Assert.StartsWith("avg 73 · Ship", rows[4][1], StringComparison.Ordinal);
        Assert.Equal(
            [$"{Base}/compare/mistral-medium-3-vs-smolvlm2-2b", $"{Base}/tools/mistral-medium-3", $"{Base}/tools/smolvlm2-2b"],
            pair.QuerySelectorAll("table[role=presentation] td[bgcolor] a").Select(a => a.GetAttribute("href")));
        Assert.Equal("Compare Mistral Medium 3 vs SmolVLM2-2B", pair.One("[data-test=compare-button] a").Text());
    }

    [Fact]
    public async Task Digest_EveryLinkIsAbsoluteOnTheSite_AndTheFooterUnsubscribes()
    {
        var email = Assert.Single(await SendAsync("reader@example.com"));
        var doc = Html.Parse(email.Html);

        var links = doc.QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")!).ToList();
        Assert.NotEmpty(links);
        Assert.All(links, href => Assert.StartsWith(Base + "/", href, StringComparison.Ordinal));
        var unsubscribe = doc.QuerySelectorAll("[data-test=footer] a").Single(a => a.Text() == "Unsubscribe").GetAttribute("href")!;
        Assert.StartsWith($"{Base}/newsletter/unsubscribe?token=", unsubscribe, StringComparison.Ordinal);
        Assert.Equal($"<{unsubscribe}>", email.Headers["List-Unsubscribe"]);
        Assert.Equal("List-Unsubscribe=One-Click", email.Headers["List-Unsubscribe-Post"]);
    }

    [Fact]
    public async Task Digest_PlainText_ReadsWellWithHeadingsToolLinesAndUrls()
    {
        var text = Assert.Single(await SendAsync("reader@example.com")).Text.Replace("\r\n", "\n", StringComparison.Ordinal);

        Assert.StartsWith("WEEKLY AI TOOL VERDICTS\nAiCompare · Week of 1 June 2026\n", text, StringComparison.Ordinal);
        Assert.Contains("REVIEWED THIS WEEK\n==================\n", text, StringComparison.Ordinal);
        Assert.Contains(
            "Mistral Medium 3\nShip · 3 ship / 1 skip · avg 73/100\n128K context, frontier-tier reasoning at half the cost (Developer Tools)\n"
            + "\"Swapping the base URL and model name in an existing OpenAI-style client was the whole migration.\" — The Builder\n"
            + $"{Base}/tools/mistral-medium-3\n", text, StringComparison.Ordinal);
        Assert.Contains("COMPARISON OF THE WEEK\n======================\n", text, StringComparison.Ordinal);
        Assert.Matches(@"\nCritic +Mistral Medium 3 +SmolVLM2-2B\nThe Builder +82 Ship +\d+ (Ship|Skip)\n", text);
        Assert.Contains($"Compare them: {Base}/compare/mistral-medium-3-vs-smolvlm2-2b\n", text, StringComparison.Ordinal);
        Assert.Matches($@"Unsubscribe: {Regex.Escape(Base)}/newsletter/unsubscribe\?token=\S+\n$", text);
        Assert.DoesNotContain("<", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Digest_Headers_MessageIdUniquePerEmailInTheSendersDomain_FromDefaultsToTheSiteHost()
    {
        var sent = await SendAsync("a@example.com", "b@example.com", "c@example.com");

        Assert.Equal(3, sent.Count);
        Assert.All(sent, e => Assert.Equal("\"AiCompare Verdicts\" <verdicts@aicompare.example>", e.Headers["From"]));
        Assert.All(sent, e => Assert.Matches(@"^<[0-9a-f]{32}@aicompare\.example>$", e.Headers["Message-ID"]));
        Assert.Equal(3, sent.Select(e => e.Headers["Message-ID"]).Distinct(StringComparer.Ordinal).Count());
        Assert.All(sent, e => Assert.True(DateTimeOffset.TryParse(e.Headers["Date"], System.Globalization.CultureInfo.InvariantCulture, out _), e.Headers["Date"]));
        // Set once each: never a second Date or Message-ID beside the mail library's own.
        foreach (var raw in Directory.EnumerateFiles(_site.Outbox, "*.eml").Select(File.ReadAllText))
        {
            Assert.Single(Regex.Matches(raw, "^Date:", RegexOptions.Multiline));
            Assert.Single(Regex.Matches(raw, "^Message-ID:", RegexOptions.Multiline | RegexOptions.IgnoreCase));
        }
    }

    [Fact]
    public async Task Digest_WeekWithoutReviews_SaysSoAndStillComparesTheNewestVerdict()
    {
        var (subject, text, html) = await _site.Services.GetRequiredService<Digests>().ComposeAsync(new DateTimeOffset(2026, 1, 5, 8, 0, 0, TimeSpan.Zero));

        Assert.Equal("Weekly AI Tool Verdicts: week of 5 January 2026", subject);
        var doc = Html.Parse(html);
        Assert.Empty(doc.QuerySelectorAll("[data-test=digest-tool]"));
        Assert.StartsWith("No new verdicts this week", doc.One("[data-test=reviewed] p").Text(), StringComparison.Ordinal);
        Assert.Equal($"{Base}/", doc.One("[data-test=site-button] a").GetAttribute("href"));
        Assert.Equal("Mistral Medium 3 vs SmolVLM2-2B", doc.One("[data-test=pair-title]").Text());
        Assert.StartsWith("No new verdicts this week. Plus Mistral Medium 3 vs SmolVLM2-2B", doc.One("[data-test=preheader]").Text(), StringComparison.Ordinal);
        Assert.Contains("No new verdicts this week", text, StringComparison.Ordinal);
    }
}

/// <summary>The digest over content of its own: the pair of the week from one category, and hostile text.</summary>
public sealed class DigestPairEmailTests(DigestPairEmailTests.Site site) : IClassFixture<DigestPairEmailTests.Site>
{
    private static readonly DateTimeOffset Slot = new(2026, 6, 1, 8, 0, 0, TimeSpan.Zero);

    public sealed class Site() : ContentSite(content => content.WithPanel()
        .Tool("alpha-coder", "Alpha Coder", reviewed: "2026-05-27", reviews: [("builder", 90, "ship", "Fast. Really fast."), ("skeptic", 80, "ship", "Holds up."), ("futurist", 85, "ship", "Bold."), ("founder", 70, "ship", "Sells.")])
        .Tool("beta-coder", "Beta <b>Coder</b> & Co", tagline: "Tags <script>alert(1)</script> stay text", reviewed: "2026-05-28",
            reviews: [("builder", 20, "skip", "<img src=x onerror=alert(1)> broke on day one, and then it broke again in a way nobody should have to debug."), ("skeptic", 60, "ship", "Fine."), ("futurist", 40, "skip", "No."), ("founder", 50, "skip", "Meh.")])
        .Tool("gamma-coder", "Gamma Coder", reviewed: "2026-05-29", reviews: [("builder", 88, "ship", "Good."), ("skeptic", 86, "ship", "Good too."), ("futurist", 80, "ship", "Yes."), ("founder", 75, "ship", "Yes.")])
        .Tool("delta-chat", "Delta Chat", category: "Chat Assistants", reviewed: "2026-05-30", reviews: [("builder", 99, "ship", "Best."), ("skeptic", 99, "ship", "Best."), ("futurist", 99, "ship", "Best."), ("founder", 99, "ship", "Best.")]));

    private async Task<string> HtmlAsync() => (await site.Factory.Services.GetRequiredService<Digests>().ComposeAsync(Slot)).Html;

    [Fact]
    public async Task TwoToolsOfTheWeekInOneCategory_AreTheComparisonOfTheWeek_TheBestScoredTwo()
    {
        var doc = Html.Parse(await HtmlAsync());

        // Delta Chat scores best but is alone in its category; of the three coders, Alpha (81) and Gamma (82) score best.
        Assert.Equal("Alpha Coder vs Gamma Coder", doc.One("[data-test=pair-title]").Text());
        Assert.Contains("Both were reviewed this week in Developer Tools.", doc.One("[data-test=pair]").Text(), StringComparison.Ordinal);
        Assert.Equal("http://localhost:5080/compare/alpha-coder-vs-gamma-coder", doc.One("[data-test=compare-button] a").GetAttribute("href"));
        Assert.Equal(4, doc.QuerySelectorAll("[data-test=digest-tool]").Length);
    }

    [Fact]
    public async Task HostileNamesTaglinesAndQuotes_AreEncodedText()
    {
        var doc = Html.Parse(await HtmlAsync());

        var beta = doc.One("[data-test=digest-tool][data-slug=beta-coder]");
        Assert.Equal("Beta <b>Coder</b> & Co", beta.One("h3").Text());
        Assert.Empty(beta.QuerySelectorAll("b, script, img"));
        Assert.StartsWith("Tags <script>alert(1)</script> stay text", beta.One("[data-test=tagline]").Text(), StringComparison.Ordinal);
        // A skipped tool quotes its harshest skip, as text.
        Assert.Equal("skip", beta.One("[data-test=chip]").GetAttribute("data-verdict"));
        Assert.Equal("The Builder", beta.One("[data-test=quote-critic]").Text());
        Assert.StartsWith("“<img src=x onerror=alert(1)> broke on day one", beta.One("[data-test=quote] p").Text(), StringComparison.Ordinal);
        Assert.Empty(doc.QuerySelectorAll("script, img, [onerror]"));
        Assert.DoesNotContain("<img", await HtmlAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public void QuoteLine_LongWithoutAnEarlySentenceEnd_IsCutAtAWord()
    {
        var line = AiCompare.Web.Pages.Newsletter.Emails.DigestRenderer.Shorten(string.Join(' ', Enumerable.Repeat("word", 60)));

        Assert.EndsWith("word…", line, StringComparison.Ordinal);
        Assert.True(line.Length <= AiCompare.Web.Pages.Newsletter.Emails.DigestRenderer.QuoteLength + 1, line);
        Assert.Equal("Short and sweet.", AiCompare.Web.Pages.Newsletter.Emails.DigestRenderer.Shorten("Short and sweet."));
        Assert.Equal("The first sentence is the line.", AiCompare.Web.Pages.Newsletter.Emails.DigestRenderer.Shorten("The first sentence is the line. The rest is not."));
    }
}
