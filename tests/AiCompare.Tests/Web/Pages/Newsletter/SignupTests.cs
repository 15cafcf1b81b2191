using System.Net;
using AiCompare.Data;
using AiCompare.Tests.Support;
using AiCompare.Web.Pages.Newsletter;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace AiCompare.Tests.Web.Pages.Newsletter;

/// <summary>Double opt-in, bots, unsubscribe: through the real forms and the emails they send.</summary>
public sealed class SignupTests : IDisposable
{
    private readonly SiteFactory _site = new();

    public void Dispose() => _site.Dispose();

    private Task<HttpResponseMessage> SignupAsync(string email, string? honeypot = null, long? startedSecondsAgo = 10)
    {
        var values = new Dictionary<string, string?>
        {
            ["email"] = email,
            ["website"] = honeypot ?? "",
            ["t"] = startedSecondsAgo is { } ago ? DateTimeOffset.UtcNow.AddSeconds(-ago).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture) : null,
        };
        return _site.Client().SubmitAsync("/tools/smolvlm2", "form[data-test=signup-form]", values);
    }

    private IReadOnlyList<Eml> Outbox() => Eml.ReadAll(_site.Outbox);

    private string Status(string email)
    {
        using var connection = SuiteDatabase.Open(_site.ConnectionString);
        return connection.ExecuteScalar<string>("SELECT Status FROM Subscriber WHERE Email = @Email", new { Email = email }) ?? "none";
    }

    private async Task ConfirmAsync(Eml email)
    {
        var link = email.Link("/newsletter/confirm");
        var client = _site.Client();
        var page = await client.GetDocumentAsync(link);
        using var confirmed = await client.SubmitAsync(page, link, "form[data-test=confirm-form]");
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
    }

    [Fact]
    public async Task Signup_StoresPendingAndEmailsAConfirmLinkThatAloneConfirms()
    {
        using var response = await SignupAsync("  Reader@Example.com ");

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal("/newsletter/check-email", response.Headers.Location?.OriginalString);
        Assert.Equal("pending", Status("reader@example.com"));
        var email = Assert.Single(Outbox());
        Assert.Contains("reader@example.com", email.To, StringComparison.Ordinal);
        Assert.Equal("Confirm your subscription to Weekly AI Tool Verdicts", email.Subject);
        Assert.Contains("/newsletter/confirm?token=", email.Html, StringComparison.Ordinal);
        Assert.StartsWith("<", email.Headers["List-Unsubscribe"], StringComparison.Ordinal);
        Assert.Equal("List-Unsubscribe=One-Click", email.Headers["List-Unsubscribe-Post"]);

        var link = email.Link("/newsletter/confirm");
        var page = await _site.Client().GetDocumentAsync(link);
        Assert.Equal("pending", Status("reader@example.com")); // opening the link is not enough
        using var confirm = await _site.Client().SubmitAsync(page, link, "form[data-test=confirm-form]");
        var done = Html.Parse(await confirm.Content.ReadAsStringAsync());

        Assert.Equal("You're subscribed", done.One("h1").Text());
        Assert.Equal("confirmed", Status("reader@example.com"));
        using var connection = SuiteDatabase.Open(_site.ConnectionString);
        var consent = connection.QuerySingle<(string? At, string? Version, string? Hash)>("SELECT ConsentAt, ConsentTextVersion, ConsentAddressHash FROM Subscriber");
        Assert.NotNull(consent.At);
        Assert.Equal(NewsletterService.ConsentTextVersion, consent.Version);
        Assert.Matches("^[0-9a-f]{32}$", consent.Hash);
    }

    [Fact]
    public async Task KnownAndUnknownEmails_GetTheSameResponse_KnownGetsAlreadySubscribedEmail()
    {
        using (await SignupAsync("known@example.com")) { }
        await ConfirmAsync(Outbox().Single());
        using var connection = SuiteDatabase.Open(_site.ConnectionString);
        connection.Execute("UPDATE Subscriber SET LastEmailAt = NULL"); // past the throttle

        using var known = await SignupAsync("known@example.com");
        using var unknown = await SignupAsync("unknown@example.com");

        Assert.Equal(known.StatusCode, unknown.StatusCode);
        Assert.Equal(known.Headers.Location, unknown.Headers.Location);
        Assert.Equal(await known.Content.ReadAsStringAsync(), await unknown.Content.ReadAsStringAsync());
        Assert.Contains(Outbox(), e => e.To.Contains("known@", StringComparison.Ordinal) && e.Subject == "You're already subscribed to Weekly AI Tool Verdicts");
        Assert.Equal("confirmed", Status("known@example.com"));
    }

    [Fact]
    public async Task RepeatedSignups_SendOneEmailPerThrottleWindow()
    {
        for (var i = 0; i < 3; i++) using (await SignupAsync("flood@example.com")) { }

        Assert.Single(Outbox());
    }

    [Theory]
    [InlineData("bot@example.com", "http://spam.example", 10L)]
    [InlineData("fast-bot@example.com", "http://spam.example", -5L)]
    public async Task HoneypotBots_AreDroppedSilentlyWithTheSameAnswer(string email, string? honeypot, long? startedSecondsAgo)
    {
        using var response = await SignupAsync(email, honeypot, startedSecondsAgo);

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal("/newsletter/check-email", response.Headers.Location?.OriginalString);
        Assert.Equal("none", Status(email));
        Assert.Empty(Outbox());
    }

    [Theory]
    [InlineData("fast@example.com", -5L)] // "rendered" after it was posted: faster than any person types
    [InlineData("autofill@example.com", -60L)]
    [InlineData("no-time@example.com", null)]
    public async Task TooFastSignup_IsNotDropped_OneMoreClickSendsTheConfirmation(string email, long? startedSecondsAgo)
    {
        using var response = await SignupAsync(email, startedSecondsAgo: startedSecondsAgo);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        var page = Html.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("One more click", page.One("h1").Text());
        Assert.Equal(email, page.One("[data-test=signup-check-email]").Text());
        Assert.Null(page.QuerySelector("[data-test=signup]")); // no second signup box under it
        Assert.Equal("none", Status(email)); // nothing stored or sent before the click
        Assert.Empty(Outbox());

        using var clicked = await _site.Client().SubmitAsync(page, "/newsletter/subscribe", "form[data-test=signup-check-form]");

        Assert.Equal(HttpStatusCode.SeeOther, clicked.StatusCode);
        Assert.Equal("/newsletter/check-email", clicked.Headers.Location?.OriginalString);
        Assert.Equal("pending", Status(email));
        Assert.Equal("Confirm your subscription to Weekly AI Tool Verdicts", Assert.Single(Outbox()).Subject);
    }

    [Fact]
    public async Task TooFastSignup_WithTheHoneypotFilled_IsStillDropped()
    {
        using var response = await _site.Client().SubmitAsync("/", "form[data-test=signup-form]", new Dictionary<string, string?>
        {
            ["email"] = "both@example.com",
            ["website"] = "x",
            [NewsletterSetup.CheckedField] = "1",
        });

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal("none", Status("both@example.com"));
        Assert.Empty(Outbox());
    }

    [Fact]
    public async Task TooFastSignup_WithABadAddress_GetsTheUsualError()
    {
        using var response = await SignupAsync("nope", startedSecondsAgo: -60);

        Assert.Equal("/newsletter?error=email", response.Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData("not-an-email")]
    [InlineData("a@b")]
    [InlineData("\"x\" <x@example.com>")]
    public async Task InvalidEmail_GetsAClearErrorAndStoresNothing(string email)
    {
        using var response = await SignupAsync(email);

        Assert.Equal("/newsletter?error=email", response.Headers.Location?.OriginalString);
        var page = await _site.Client().GetDocumentAsync("/newsletter?error=email");
        Assert.Contains("doesn't look like an email address", page.One("[data-test=signup-error]").Text(), StringComparison.Ordinal);
        Assert.Empty(Outbox());
    }

    [Fact]
    public async Task CrossSiteSignup_IsRefused()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/newsletter/subscribe")
        {
            Content = new FormUrlEncodedContent([new("email", "x@example.com"), new("t", "1")]),
        };
        request.Headers.Add("Sec-Fetch-Site", "cross-site");

        using var response = await _site.Client().SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [InlineData("c.1.9999999999.AAAA")]
    [InlineData("c.999.0.AAAA")]
    [InlineData("garbage")]
    [InlineData("")]
    public async Task TamperedConfirmLink_Is400(string token)
    {
        var doc = await _site.Client().GetDocumentAsync("/newsletter/confirm?token=" + Uri.EscapeDataString(token), expectedStatus: 400);

        Assert.Equal("This link doesn't work", doc.One("h1").Text());
    }

    [Fact]
    public async Task ConfirmLinkForAnotherAddress_Is400()
    {
        using (await SignupAsync("one@example.com")) { }
        var link = Outbox().Single().Link("/newsletter/confirm");
        using var connection = SuiteDatabase.Open(_site.ConnectionString);
        connection.Execute("UPDATE Subscriber SET Email = 'other@example.com'");

        await _site.Client().GetDocumentAsync(link, expectedStatus: 400);
    }

    [Fact]
    public async Task ExpiredConfirmLink_SaysSoAnd400()
    {
        using (await SignupAsync("late@example.com")) { }
        var subscriber = (await _site.Services.GetRequiredService<NewsletterRepository>().ListAsync(null, 10, 0)).Single();
        var tokens = _site.Services.GetRequiredService<LinkTokens>();
        var expired = tokens.Create(LinkTokens.Confirm, subscriber.Id, subscriber.Email, DateTimeOffset.UtcNow.AddMinutes(-1));

        var doc = await _site.Client().GetDocumentAsync("/newsletter/confirm?token=" + Uri.EscapeDataString(expired), expectedStatus: 400);

        Assert.Equal("This link has expired", doc.One("h1").Text());
        Assert.Equal("pending", Status("late@example.com"));
    }

    [Fact]
    public async Task Unsubscribe_GetAsksOneClickPostUnsubscribesWithoutCookiesAndResubscribingWorks()
    {
        using (await SignupAsync("leaver@example.com")) { }
        var first = Outbox().Single();
        await ConfirmAsync(first);
        var unsubscribe = first.Headers["List-Unsubscribe"].Trim('<', '>');
        var path = new Uri(unsubscribe).PathAndQuery;

        var ask = await _site.Client().GetDocumentAsync(path);
        Assert.Equal("Unsubscribe from Weekly AI Tool Verdicts?", ask.One("h1").Text());
        Assert.Equal("confirmed", Status("leaver@example.com"));

        using var mailClient = _site.Factory().CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = false, AllowAutoRedirect = false });
        using var oneClick = await mailClient.PostAsync(path, new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));
        Assert.Equal(HttpStatusCode.OK, oneClick.StatusCode);
        Assert.False(oneClick.Headers.Contains("Set-Cookie"));
        Assert.Equal("unsubscribed", Status("leaver@example.com"));

        using var tampered = await mailClient.PostAsync(path[..^3] + "xyz", new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));
        Assert.Equal(HttpStatusCode.BadRequest, tampered.StatusCode);

        using (await SignupAsync("leaver@example.com")) { } // right away: no throttle for an address that left
        Assert.Equal("pending", Status("leaver@example.com"));
        await ConfirmAsync(Outbox().Last(e => e.Subject.StartsWith("Confirm", StringComparison.Ordinal)));
        Assert.Equal("confirmed", Status("leaver@example.com"));
    }

    [Fact]
    public async Task SignupForm_IsOnEveryPublicPageWithTheSeedWordsAndNoToken()
    {
        foreach (var url in new[] { "/", "/compare", "/tools/smolvlm2", "/compare/mistral-medium-3-vs-smolvlm2-2b", "/bookmarks" })
        {
            var doc = await _site.Client().GetDocumentAsync(url);
            var signup = doc.One("[data-test=signup]");
            Assert.Equal("Weekly AI Tool Verdicts", signup.One("h2").Text());
            Assert.Contains("Get the next comparison in your inbox", signup.Text(), StringComparison.Ordinal);
            Assert.Contains("New AI tools ship daily. We compare them before you waste an afternoon.", signup.Text(), StringComparison.Ordinal);
            Assert.Empty(signup.QuerySelectorAll("input[name=__RequestVerificationToken]"));
        }
    }

    [Fact]
    public async Task ManySignupsFromOneAddress_AreRateLimited()
    {
        using var site = SiteFactory.WithSettings(new Dictionary<string, string> { ["Newsletter:SignupsPerMinutePerAddress"] = "2" });
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await site.Client().SubmitAsync("/", "form[data-test=signup-form]", new Dictionary<string, string?>
            {
                ["email"] = $"r{i}@example.com",
                ["t"] = "1",
            });
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.SeeOther, HttpStatusCode.SeeOther, HttpStatusCode.TooManyRequests], statuses);
    }

    private async Task<string> UnsubscribeAsync(Eml email)
    {
        var path = new Uri(email.Headers["List-Unsubscribe"].Trim('<', '>')).PathAndQuery;
        var client = _site.Client();
        var ask = await client.GetDocumentAsync(path);
        using var done = await client.SubmitAsync(ask, path, "form[data-test=unsubscribe-form]");
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        return await done.Content.ReadAsStringAsync();
    }

    [Fact]
    public async Task ResubscribingRightAfterUnsubscribing_SendsAConfirmation_AndTheThrottleStillHoldsThen()
    {
        using (await SignupAsync("back@example.com")) { }
        await ConfirmAsync(Outbox().Single());
        await UnsubscribeAsync(Outbox().Single());
        Assert.Equal("unsubscribed", Status("back@example.com"));

        using (await SignupAsync("back@example.com")) { }

        Assert.Equal(2, Outbox().Count);
        Assert.Equal("pending", Status("back@example.com"));
        await ConfirmAsync(Outbox().Last());
        Assert.Equal("confirmed", Status("back@example.com"));

        for (var i = 0; i < 3; i++) using (await SignupAsync("back@example.com")) { } // a flood to a subscribed address
        Assert.Equal(2, Outbox().Count);
    }

    [Fact]
    public async Task ResubscribeFlood_AfterUnsubscribing_SendsOneEmail()
    {
        using (await SignupAsync("gone@example.com")) { }
        await ConfirmAsync(Outbox().Single());
        await UnsubscribeAsync(Outbox().Single());

        for (var i = 0; i < 4; i++) using (await SignupAsync("gone@example.com")) { }

        Assert.Equal(2, Outbox().Count); // the first signup's email, and one for coming back
    }

    [Fact]
    public async Task UsedConfirmLink_SaysAlreadySubscribed_AndAsksNothing()
    {
        using (await SignupAsync("twice@example.com")) { }
        var email = Outbox().Single();
        await ConfirmAsync(email);

        var again = await _site.Client().GetDocumentAsync(email.Link("/newsletter/confirm"));

        Assert.Equal("You're already subscribed", again.One("h1").Text());
        Assert.Null(again.QuerySelector("[data-test=confirm-form]"));
        Assert.Null(again.QuerySelector("[data-test=signup]"));
        Assert.Equal("confirmed", Status("twice@example.com"));
    }

    [Fact]
    public async Task ConfirmLink_AfterUnsubscribing_SaysSoAndConfirmsNothing()
    {
        using (await SignupAsync("left@example.com")) { }
        var email = Outbox().Single();
        await ConfirmAsync(email);
        await UnsubscribeAsync(email);

        var page = await _site.Client().GetDocumentAsync(email.Link("/newsletter/confirm"));

        Assert.Equal("You've unsubscribed since", page.One("h1").Text());
        Assert.Null(page.QuerySelector("[data-test=confirm-form]"));
        Assert.Equal("/newsletter", page.One("[data-test=unsubscribed-since] a").GetAttribute("href"));
        Assert.Equal("unsubscribed", Status("left@example.com"));
    }

    [Fact]
    public async Task UnsubscribedPage_HasNoSignupBox_OnlyASmallSubscribeAgainLink()
    {
        using (await SignupAsync("bye@example.com")) { }
        var email = Outbox().Single();
        await ConfirmAsync(email);

        var done = Html.Parse(await UnsubscribeAsync(email));

        Assert.Equal("You're unsubscribed", done.One("h1").Text());
        Assert.Null(done.QuerySelector("[data-test=signup]"));
        Assert.Null(done.QuerySelector("form[data-test=signup-form]"));
        Assert.Equal("/newsletter", done.One("[data-test=subscribe-again] a").GetAttribute("href"));
        var checkEmail = await _site.Client().GetDocumentAsync("/newsletter/check-email");
        Assert.Null(checkEmail.QuerySelector("[data-test=signup]"));
    }
}
