using System.Net;
using AiCompare.Tests.Support;
using Dapper;

namespace AiCompare.Tests.Web.Pages.Admin;

/// <summary>Editors see subscriber counts, export and erase them, preview and send the digest.</summary>
public sealed class AdminNewsletterTests : IDisposable
{
    private readonly AdminSite _site = new();

    public void Dispose() => _site.Dispose();

    private void Subscriber(string email, string status)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection(_site.Factory.ConnectionString);
        connection.Execute("INSERT INTO Subscriber (Email, Status, CreatedAt, UpdatedAt) VALUES (@Email, @Status, '2026-11-01', '2026-11-01')", new { Email = email, Status = status });
    }

    [Fact]
    public async Task Page_ShowsCountsByStatusAndTheList()
    {
        Subscriber("a@example.com", "confirmed");
        Subscriber("b@example.com", "confirmed");
        Subscriber("c@example.com", "pending");
        var client = await _site.SignedInAsync(AdminSite.EditorEmail);

        var doc = await client.GetDocumentAsync("/admin/newsletter");
        var pending = await client.GetDocumentAsync("/admin/newsletter?status=pending");

        Assert.Equal("2", doc.One("[data-test=count-confirmed]").Text());
        Assert.Equal("1", doc.One("[data-test=count-pending]").Text());
        Assert.Equal("0", doc.One("[data-test=count-unsubscribed]").Text());
        Assert.Equal(3, doc.QuerySelectorAll("[data-test=subscribers] tbody tr").Length);
        Assert.Equal("c@example.com", pending.One("[data-test=subscribers] tbody th").Text());
    }

    [Fact]
    public async Task Csv_ListsEverySubscriberWithFormulasNeutralised()
    {
        Subscriber("=cmd@example.com", "confirmed");
        var client = await _site.SignedInAsync(AdminSite.EditorEmail);

        using var response = await client.GetAsync("/admin/newsletter?handler=Csv");
        var csv = await response.Content.ReadAsStringAsync();

        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("id,email,status,consent_at,consent_text_version,created_at\r\n", csv, StringComparison.Ordinal);
        Assert.Contains(",\"'=cmd@example.com\",confirmed,", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delete_ErasesTheSubscriberAndIsAudited()
    {
        Subscriber("erase-me@example.com", "confirmed");
        var client = await _site.SignedInAsync(AdminSite.EditorEmail);
        var doc = await client.GetDocumentAsync("/admin/newsletter");

        using var response = await client.SubmitAsync(doc, "/admin/newsletter", "[data-test=subscribers] form");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection(_site.Factory.ConnectionString);
        Assert.Equal(0, connection.ExecuteScalar<int>("SELECT COUNT(*) FROM Subscriber"));
        Assert.Equal(1, connection.ExecuteScalar<int>("SELECT COUNT(*) FROM AuditLog WHERE Action = 'subscriber.delete'"));
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
        Assert.Equal("/admin/newsletter?notice=sent", second.Headers.Location?.OriginalString);
        var sent = Assert.Single(Eml.ReadAll(_site.Factory.Outbox));
        Assert.Contains("reader@example.com", sent.To, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Page_Anonymous_RedirectsToLogin()
    {
        using var response = await _site.Client().GetAsync("/admin/newsletter?handler=Csv");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }
}
