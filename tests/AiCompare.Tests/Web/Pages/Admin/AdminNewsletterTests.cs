using System.Net;
using AiCompare.Tests.Support;
using Dapper;

namespace AiCompare.Tests.Web.Pages.Admin;

/// <summary>Every editor sees subscriber counts, previews and sends the digest (the subscribers themselves: SubscribersTests).</summary>
public sealed class AdminNewsletterTests : IDisposable
{
    private readonly AdminSite _site = new();

    public void Dispose() => _site.Dispose();

    private void Subscriber(string email, string status)
    {
        using var connection = SuiteDatabase.Open(_site.Factory.ConnectionString);
        connection.Execute("INSERT INTO Subscriber (Email, Status, CreatedAt, UpdatedAt) VALUES (@Email, @Status, '2026-11-01', '2026-11-01')", new { Email = email, Status = status });
    }

    [Fact]
    public async Task Page_ShowsEditorsTheCountsByStatus_AndNoAddress()
    {
        Subscriber("a@example.com", "confirmed");
        Subscriber("b@example.com", "confirmed");
        Subscriber("c@example.com", "pending");
        var client = await _site.SignedInAsync(AdminSite.EditorEmail);

        using var response = await client.GetAsync("/admin/newsletter");
        var html = await response.Content.ReadAsStringAsync();
        var doc = await client.GetDocumentAsync("/admin/newsletter");

        Assert.Equal("2", doc.One("[data-test=count-confirmed]").Text());
        Assert.Equal("1", doc.One("[data-test=count-pending]").Text());
        Assert.Equal("0", doc.One("[data-test=count-unsubscribed]").Text());
        Assert.DoesNotContain("@example.com", html, StringComparison.Ordinal);
        Assert.Null(doc.QuerySelector("[data-test=subscribers-link]"));
    }

    [Fact]
    public async Task PreviewAndSendNow_SendsThisWeeksDigestOnceToConfirmedSubscribers()
    {
        Subscriber("reader@example.com", "confirmed");
        Subscriber("waiting@example.com", "pending");
        var client = await _site.SignedInAsync(AdminSite.EditorEmail);

        var preview = await client.GetDocumentAsync("/admin/newsletter?handler=Preview");
        Assert.StartsWith("Weekly AI Tool Verdicts", preview.One("[data-test=digest-preview] h3").Text(), StringComparison.Ordinal);
        Assert.Empty(Eml.ReadAll(_site.Factory.Outbox));

        using var first = await client.SubmitAsync("/admin/newsletter", "form[data-test=send-form]");
        using var second = await client.SubmitAsync("/admin/newsletter", "form[data-test=send-form]");

        Assert.Equal("/admin/newsletter?notice=sent", first.Headers.Location?.OriginalString);
        Assert.Equal("/admin/newsletter?notice=already", second.Headers.Location?.OriginalString);
        var sent = Assert.Single(Eml.ReadAll(_site.Factory.Outbox));
        Assert.Contains("reader@example.com", sent.To, StringComparison.Ordinal);
        // Each result says what actually happened, counted from the send log.
        var afterFirst = await client.GetDocumentAsync(first.Headers.Location!.OriginalString);
        Assert.Matches(@"^The digest for the week of \d{4}-\d{2}-\d{2} has been sent to 1 subscriber\.$", afterFirst.One("[data-test=notice]").Text());
        var afterSecond = await client.GetDocumentAsync(second.Headers.Location!.OriginalString);
        Assert.Matches(@"^The digest for the week of \d{4}-\d{2}-\d{2} had already been sent to 1 subscriber; nothing more was sent\.$", afterSecond.One("[data-test=notice]").Text());
    }

    [Fact]
    public async Task SendNow_WithNoConfirmedSubscriber_SaysItSentToNobody()
    {
        Subscriber("waiting@example.com", "pending");
        var client = await _site.SignedInAsync(AdminSite.EditorEmail);

        using var response = await client.SubmitAsync("/admin/newsletter", "form[data-test=send-form]");

        Assert.Equal("/admin/newsletter?notice=nobody", response.Headers.Location?.OriginalString);
        var page = await client.GetDocumentAsync(response.Headers.Location!.OriginalString);
        Assert.Equal("Sent to 0 subscribers: no confirmed subscribers yet.", page.One("[data-test=notice]").Text());
        Assert.Empty(Eml.ReadAll(_site.Factory.Outbox));
    }

    [Fact]
    public async Task SendNow_WhenAnAddressFails_SaysHowManyWentAndHowManyWait()
    {
        Subscriber("reader@example.com", "confirmed");
        Subscriber("other@example.com", "confirmed");
        var client = await _site.SignedInAsync(AdminSite.EditorEmail);
        using (await client.SubmitAsync("/admin/newsletter", "form[data-test=send-form]")) { }
        // As if one address had failed: its row waits for a retry.
        using (var connection = SuiteDatabase.Open(_site.Factory.ConnectionString))
        {
            connection.Execute("UPDATE DigestSend SET Status = 'failed' WHERE SubscriberId = (SELECT Id FROM Subscriber WHERE Email = 'other@example.com')");
        }

        var page = await client.GetDocumentAsync("/admin/newsletter?notice=sending");

        Assert.Matches(@"has been sent to 1 subscriber so far; 1 more could not be sent yet and will be retried automatically\.$", page.One("[data-test=notice]").Text());
    }

    [Fact]
    public async Task Page_Anonymous_RedirectsToLogin()
    {
        using var response = await _site.Client().GetAsync("/admin/newsletter");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }
}
