using System.Net;
using AiCompare.Tests.Support;
using Dapper;
using Microsoft.Data.Sqlite;

namespace AiCompare.Tests.Web.Pages.Admin;

/// <summary>
/// Subscribers' personal data (list, CSV, erasure) is for admins alone, refused by the server to other
/// editors; every export and erasure is in the audit log; erasing asks first, without JavaScript.
/// </summary>
public sealed class SubscribersTests : IDisposable
{
    private const string Email = "reader@example.com";
    private readonly AdminSite _site = new();

    public void Dispose() => _site.Dispose();

    private long Subscriber(string email, string status = "confirmed")
    {
        using var connection = SuiteDatabase.Open(_site.Factory.ConnectionString);
        return connection.ExecuteScalar<long>("INSERT INTO Subscriber (Email, Status, CreatedAt, UpdatedAt) VALUES (@Email, @Status, '2026-11-01', '2026-11-01') RETURNING Id", new { Email = email, Status = status });
    }

    private int Count(string sql)
    {
        using var connection = SuiteDatabase.Open(_site.Factory.ConnectionString);
        return connection.ExecuteScalar<int>(sql);
    }

    private static List<string[]> AuditRows(AngleSharp.Dom.IDocument doc) =>
        doc.QuerySelectorAll("[data-test=audit-row]").Select(r => r.QuerySelectorAll("td").Select(td => td.Text()).ToArray()).ToList();

    /// <summary>A valid antiforgery token for this client's editor, from a page editors may use.</summary>
    private static async Task<string> TokenAsync(HttpClient client)
    {
        var doc = await client.GetDocumentAsync("/admin/newsletter");
        return doc.One("form[data-test=send-form] input[name=__RequestVerificationToken]").GetAttribute("value")!;
    }

    private static async Task AssertDeniedAsync(HttpClient client, HttpResponseMessage response, string what)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{what}: {(int)response.StatusCode}");
        Assert.StartsWith("http://localhost/admin/denied", response.Headers.Location?.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Email, body, StringComparison.Ordinal);
        using var denied = await client.GetAsync(response.Headers.Location);
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
    }

    [Fact]
    public async Task Editor_IsRefusedTheListCsvAndErasure_ByTheServer_GetAndPostWithValidTokens()
    {
        var id = Subscriber(Email);
        var client = await _site.SignedInAsync(AdminSite.EditorEmail);
        var token = await TokenAsync(client);
        FormUrlEncodedContent Form(params (string, string)[] fields) =>
            new([new("__RequestVerificationToken", token), .. fields.Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2))]);

        foreach (var url in new[] { "/admin/subscribers", "/admin/subscribers?handler=Csv", $"/admin/subscribers/erase/{id}" })
        {
            using var get = await client.GetAsync(url);
            await AssertDeniedAsync(client, get, "GET " + url);
            using var post = await client.PostAsync(url, Form(("id", $"{id}"), ("confirm", "erase")));
            await AssertDeniedAsync(client, post, "POST " + url);
        }
        // The newsletter page no longer lists, exports or erases for anyone.
        using var oldCsv = await client.GetAsync("/admin/newsletter?handler=Csv");
        Assert.DoesNotContain(Email, await oldCsv.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var oldDelete = await client.PostAsync("/admin/newsletter?handler=Delete", Form(("id", $"{id}")));
        Assert.NotEqual(HttpStatusCode.Redirect, oldDelete.StatusCode);

        Assert.Equal(1, Count("SELECT COUNT(*) FROM Subscriber"));
        Assert.Equal(0, Count("SELECT COUNT(*) FROM AuditLog WHERE Action LIKE 'subscriber.%'"));
    }

    [Fact]
    public async Task Admin_Csv_ListsEverySubscriberWithFormulasNeutralised_AndIsAuditedWithTheAdminsName()
    {
        Subscriber("=cmd@example.com");
        Subscriber(Email, "pending");
        var client = await _site.SignedInAsync(AdminSite.AdminEmail);
        var list = await client.GetDocumentAsync("/admin/subscribers");

        using var response = await client.GetAsync(list.One("a[data-test=csv]").GetAttribute("href"));
        var csv = await response.Content.ReadAsStringAsync();

        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("id,email,status,consent_at,consent_text_version,created_at\r\n", csv, StringComparison.Ordinal);
        Assert.Contains(",\"'=cmd@example.com\",confirmed,", csv, StringComparison.Ordinal);
        Assert.Contains($",\"{Email}\",pending,", csv, StringComparison.Ordinal);
        var row = Assert.Single(AuditRows(await client.GetDocumentAsync("/admin/audit")), r => r[2] == "subscriber.export");
        Assert.Equal("admin", row[1]);
        Assert.Equal("CSV of 2 subscriber(s)", row[4]);
    }

    [Fact]
    public async Task CatalogExport_IsAuditedWithTheEditorsName()
    {
        var client = await _site.SignedInAsync(AdminSite.EditorEmail);

        using var response = await client.GetAsync("/admin/export");

        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        var row = Assert.Single(AuditRows(await client.GetDocumentAsync("/admin/audit")), r => r[2] == "catalog.export");
        Assert.Equal("editor", row[1]);
        Assert.EndsWith(".zip", row[4], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Erase_WithoutConfirmation_ChangesNothing()
    {
        var id = Subscriber(Email);
        var client = await _site.SignedInAsync(AdminSite.AdminEmail);
        var list = await client.GetDocumentAsync("/admin/subscribers");
        var confirmUrl = list.One($"tr[data-subscriber-id='{id}'] a[data-test=erase-link]").GetAttribute("href")!;

        // Following the list's link only asks, showing who would be erased.
        var confirm = await client.GetDocumentAsync(confirmUrl);
        Assert.Equal(Email, confirm.One("[data-test=email]").Text());
        // The form sent without its confirm button (a token, but no confirm=erase) erases nothing.
        using var unconfirmed = await client.SubmitAsync(confirm, confirmUrl, "form[data-test=erase-form]");
        var again = await unconfirmed.Content.ReadAsStringAsync();
        // Nor does the old one-click erase on the newsletter page.
        var token = confirm.One("form[data-test=erase-form] input[name=__RequestVerificationToken]").GetAttribute("value")!;
        using var oneClick = await client.PostAsync("/admin/newsletter?handler=Delete", new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("id", $"{id}")]));

        Assert.Equal(HttpStatusCode.BadRequest, unconfirmed.StatusCode);
        Assert.Contains("Nothing was erased", again, StringComparison.Ordinal);
        Assert.Equal(1, Count("SELECT COUNT(*) FROM Subscriber"));
        Assert.Equal(0, Count("SELECT COUNT(*) FROM AuditLog WHERE Action = 'subscriber.delete'"));
    }

    [Fact]
    public async Task Erase_Confirmed_ErasesAndIsAuditedByIdNeverByAddress()
    {
        var id = Subscriber(Email);
        var keep = Subscriber("stays@example.com");
        var client = await _site.SignedInAsync(AdminSite.AdminEmail);
        var confirmUrl = $"/admin/subscribers/erase/{id}";
        var confirm = await client.GetDocumentAsync(confirmUrl);

        using var response = await client.SubmitAsync(confirm, confirmUrl, "form[data-test=erase-form]", buttonSelector: "[data-test=confirm]");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/admin/subscribers?notice=deleted", response.Headers.Location?.OriginalString);
        Assert.Equal(0, Count($"SELECT COUNT(*) FROM Subscriber WHERE Id = {id}"));
        Assert.Equal(1, Count($"SELECT COUNT(*) FROM Subscriber WHERE Id = {keep}"));
        var audit = await client.GetDocumentAsync("/admin/audit");
        var row = Assert.Single(AuditRows(audit), r => r[2] == "subscriber.delete");
        Assert.Equal("admin", row[1]);
        Assert.Equal($"subscriber #{id}", row[3]);
        Assert.DoesNotContain(Email, audit.DocumentElement.OuterHtml, StringComparison.Ordinal);
        Assert.Equal(0, Count($"SELECT COUNT(*) FROM AuditLog WHERE Subject LIKE '%{Email}%' OR Detail LIKE '%{Email}%'"));
        using var twice = await client.PostAsync(confirmUrl, new FormUrlEncodedContent([new("__RequestVerificationToken", confirm.One("input[name=__RequestVerificationToken]").GetAttribute("value")!), new("confirm", "erase")]));
        Assert.Equal(HttpStatusCode.NotFound, twice.StatusCode);
    }
}
