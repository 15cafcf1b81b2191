using System.Globalization;
using System.Net;
using AiCompare.Data;
using AiCompare.Domain;
using AiCompare.Web.Pages.Admin.Accounts;
using Dapper;
using Microsoft.Data.Sqlite;

namespace AiCompare.Tests.Support;

/// <summary>
/// What the storage-fault tests do to a running site, as a reader and an editor would: a vote, a newsletter
/// signup, an admin save of a tool's tagline, a few GET pages and <c>/readyz</c>.
/// </summary>
public sealed class FaultClient : IDisposable
{
    private readonly HttpClient _client;
    private bool _storedShip;

    public FaultClient(SiteProcess site, string slug, long toolId)
    {
        _client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() })
        {
            BaseAddress = site.Address,
            Timeout = TimeSpan.FromSeconds(60),
        };
        Slug = slug;
        ToolId = toolId;
    }

    public string Slug { get; }

    public long ToolId { get; }

    /// <summary>
    /// A database with the shipped content and one admin (<see cref="AdminSite.AdminEmail"/>), made before the
    /// site starts; returns a published tool's slug and id. No connection to it is left open.
    /// </summary>
    public static async Task<(string Slug, long Id)> PrepareDatabaseAsync(string databaseFile)
    {
        var connectionString = $"Data Source={databaseFile}";
        var db = new Db(connectionString);
        new Migrator(db).Migrate();
        var imported = new ContentImporter(db, new Markdown()).Import(TestPaths.Content);
        Assert.True(imported.Succeeded, string.Join('\n', imported.Problems));
        await new EditorRepository(db).CreateAsync(AdminSite.AdminEmail, "admin", new EditorPasswords().Hash(AdminSite.Password), EditorRole.Admin, actorId: null);
        (string Slug, long Id) tool;
        using (var connection = db.Open())
        {
            tool = connection.QueryFirst<(string, long)>("SELECT Slug, Id FROM Tool WHERE IsPublished = 1 ORDER BY Id");
        }
        db.ClearPool();
        return tool;
    }

    /// <summary>A connection of the test's own, outside any pool, that waits for nothing.</summary>
    public static SqliteConnection OpenDirect(string databaseFile)
    {
        var connection = new SqliteConnection($"Data Source={databaseFile};Pooling=False;Default Timeout=1");
        connection.Open();
        return connection;
    }

    public async Task SignInAsync()
    {
        using var response = await _client.SubmitAsync("/admin/login", "form[data-test=login-form]", new Dictionary<string, string?>
        {
            ["Email"] = AdminSite.AdminEmail,
            ["Password"] = AdminSite.Password,
        });
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"sign-in answered {(int)response.StatusCode}");
    }

    /// <summary>
    /// A vote that has to write: the opposite of this reader's stored verdict (a repeated verdict stores
    /// nothing, and so would succeed on any storage).
    /// </summary>
    public async Task<HttpResponseMessage> VoteAsync()
    {
        var verdict = _storedShip ? "skip" : "ship";
        var response = await _client.PostAsync(new Uri($"/votes/{Slug}", UriKind.Relative), new FormUrlEncodedContent([new("verdict", verdict)]));
        if (response.StatusCode == HttpStatusCode.SeeOther) _storedShip = verdict == "ship";
        return response;
    }

    public Task<HttpResponseMessage> SignupAsync(string email) =>
        _client.PostAsync(new Uri("/newsletter/subscribe", UriKind.Relative), new FormUrlEncodedContent(
        [
            new("email", email),
            new("website", ""),
            new("t", DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)),
        ]));

    /// <summary>Opens the tool's edit form and saves it with <paramref name="tagline"/> typed in.</summary>
    public async Task<HttpResponseMessage> SaveTaglineAsync(string tagline)
    {
        var page = $"/admin/tools/edit/{ToolId}";
        var doc = await _client.GetDocumentAsync(page);
        return await _client.SubmitAsync(doc, page, "form[data-test=tool-form]", new Dictionary<string, string?> { ["Form.Tagline"] = tagline });
    }

    public async Task<HttpStatusCode> GetStatusAsync(string url)
    {
        using var response = await _client.GetAsync(new Uri(url, UriKind.Relative));
        return response.StatusCode;
    }

    public async Task<(HttpStatusCode Status, string Body, string? CacheControl)> ReadyzAsync()
    {
        using var response = await _client.GetAsync(new Uri("/readyz", UriKind.Relative));
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response.Headers.CacheControl?.ToString());
    }

    /// <summary>Polls <c>/readyz</c> until it answers <paramref name="status"/>; the last answer either way.</summary>
    public async Task<(HttpStatusCode Status, string Body)> WaitForReadyzAsync(HttpStatusCode status, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            var (got, body, _) = await ReadyzAsync();
            if (got == status || DateTime.UtcNow > deadline) return (got, body);
            await Task.Delay(200);
        }
    }

    /// <summary>The page a 503 from an admin save shows: its "not saved" notice and the tagline as typed.</summary>
    public static (string? Notice, string? Tagline) KeptForm(string html)
    {
        var doc = Html.Parse(html);
        return (doc.QuerySelector("[data-test=not-saved]")?.TextContent, doc.QuerySelector("input[name='Form.Tagline']")?.GetAttribute("value"));
    }

    public void Dispose() => _client.Dispose();
}
