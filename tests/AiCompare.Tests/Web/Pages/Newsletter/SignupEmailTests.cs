using AiCompare.Tests.Support;

namespace AiCompare.Tests.Web.Pages.Newsletter;

/// <summary>The emails a signup sends, as their readers get them: the confirmation and the already-subscribed note.</summary>
public sealed class SignupEmailTests : IDisposable
{
    private const string Base = "https://aicompare.example";
    private readonly SiteFactory _site = SiteFactory.WithSettings(new Dictionary<string, string>
    {
        ["Site:BaseUrl"] = Base,
        ["Newsletter:From"] = "AiCompare Verdicts <verdicts@example.com>",
    });

    public void Dispose() => _site.Dispose();

    private async Task<Eml> SignupAsync(string email)
    {
        using var response = await _site.Client().SubmitAsync("/", "form[data-test=signup-form]", new Dictionary<string, string?>
        {
            ["email"] = email,
            ["t"] = DateTimeOffset.UtcNow.AddSeconds(-30).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        return Eml.ReadAll(_site.Outbox).Last();
    }

    [Fact]
    public async Task Confirmation_IsABrandedDocumentWithOneClearButton()
    {
        var email = await SignupAsync("reader@example.com");
        var doc = Html.Parse(email.Html);

        Assert.Equal("Confirm your subscription to Weekly AI Tool Verdicts", email.Subject);
        Assert.Equal("en", doc.DocumentElement.GetAttribute("lang"));
        Assert.Equal(email.Subject, doc.Title);
        Assert.NotNull(doc.QuerySelector("meta[name=viewport]"));
        Assert.Equal("light dark", doc.One("meta[name=color-scheme]").GetAttribute("content"));
        Assert.Equal("AiCompare", doc.One("[data-test=brand]").Text());
        Assert.Equal("Weekly AI Tool Verdicts", doc.One("[data-test=masthead] h1").Text());
        Assert.False(string.IsNullOrWhiteSpace(doc.One("[data-test=preheader]").Text()));
        var button = Assert.Single(doc.QuerySelectorAll("td[bgcolor] a"));
        Assert.Equal("Confirm my subscription", button.Text());
        var confirm = button.GetAttribute("href")!;
        Assert.StartsWith($"{Base}/newsletter/confirm?token=", confirm, StringComparison.Ordinal);
        Assert.All(doc.QuerySelectorAll("a[href]"), a => Assert.StartsWith(Base + "/", a.GetAttribute("href"), StringComparison.Ordinal));
        Assert.Contains("Unsubscribe", doc.One("[data-test=footer]").Text(), StringComparison.Ordinal);

        var text = email.Text.Replace("\r\n", "\n", StringComparison.Ordinal);
        Assert.StartsWith("WEEKLY AI TOOL VERDICTS\nAiCompare\n\nCONFIRM YOUR SUBSCRIPTION\n", text, StringComparison.Ordinal);
        Assert.Contains($"Confirm within 48 hours:\n{confirm}\n", text, StringComparison.Ordinal);
        Assert.Contains("If it wasn't you, ignore this email and nothing happens.", text, StringComparison.Ordinal);

        Assert.Equal("\"AiCompare Verdicts\" <verdicts@example.com>", email.Headers["From"]);
        Assert.Matches(@"^<[0-9a-f]{32}@example\.com>$", email.Headers["Message-ID"]);
        Assert.StartsWith($"<{Base}/newsletter/unsubscribe?token=", email.Headers["List-Unsubscribe"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task AlreadySubscribed_IsBrandedToo_AndPointsToPastIssues()
    {
        var confirm = await SignupAsync("known@example.com");
        var client = _site.Client();
        var link = confirm.Link("/newsletter/confirm");
        using (var _ = await client.SubmitAsync(await client.GetDocumentAsync(link), link, "form[data-test=confirm-form]")) { }
        using (var connection = SuiteDatabase.Open(_site.ConnectionString))
            Dapper.SqlMapper.Execute(connection, "UPDATE Subscriber SET LastEmailAt = NULL"); // past the signup throttle

        var email = await SignupAsync("known@example.com");
        var doc = Html.Parse(email.Html);

        Assert.Equal("You're already subscribed to Weekly AI Tool Verdicts", email.Subject);
        Assert.Equal(email.Subject, doc.Title);
        Assert.Equal("en", doc.DocumentElement.GetAttribute("lang"));
        Assert.Equal($"{Base}/newsletter/archive", Assert.Single(doc.QuerySelectorAll("td[bgcolor] a")).GetAttribute("href"));
        Assert.Contains("To stop the emails: " + Base + "/newsletter/unsubscribe?token=", email.Text, StringComparison.Ordinal);
        Assert.NotEqual(confirm.Headers["Message-ID"], email.Headers["Message-ID"]);
    }

    [Fact]
    public async Task FromUnset_IsVerdictsAtTheSiteHost()
    {
        using var site = SiteFactory.WithSettings(new Dictionary<string, string> { ["Site:BaseUrl"] = "https://verdicts.example.org/ai" });
        using var response = await site.Client().SubmitAsync("/", "form[data-test=signup-form]", new Dictionary<string, string?>
        {
            ["email"] = "reader@example.com",
            ["t"] = DateTimeOffset.UtcNow.AddSeconds(-30).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
        });

        var email = Assert.Single(Eml.ReadAll(site.Outbox));
        Assert.Equal("\"AiCompare Verdicts\" <verdicts@verdicts.example.org>", email.Headers["From"]);
        Assert.EndsWith("@verdicts.example.org>", email.Headers["Message-ID"], StringComparison.Ordinal);
    }
}
