using System.Net;
using AiCompare.Data;
using AiCompare.Domain;
using AiCompare.Tests.Support;
using AiCompare.Web.Pages.Newsletter;
using AiCompare.Web.Pages.Votes;
using Dapper;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.Extensions.DependencyInjection;

namespace AiCompare.Tests.Web.Cli;

/// <summary>
/// <c>copy-to</c> of the published build as a real process: a SQLite site with every kind of data moves
/// into an empty PostgreSQL database, which then serves the same pages, the same accounts and sessions,
/// and old links; a database that is not empty is refused and left as it was.
/// </summary>
public sealed class CopyToTests(PublishedSite published) : IClassFixture<PublishedSite>, IDisposable
{
    private static readonly string[] SamePages =
    [
        "/", "/tools/smolvlm2-2b", "/tools/mistral-code", "/compare/mistral-medium-3-vs-smolvlm2-2b", "/compare/mercury-edit-2-vs-mistral-code",
        "/categories/developer-tools", "/critics", "/critics/builder", "/newsletter/archive", "/api/v1/tools/smolvlm2-2b", "/api/v1/tools",
        "/feed.xml", "/sitemap.xml", "/badge/smolvlm2-2b.svg",
    ];

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [PostgresFact]
    public async Task ASqliteSiteWithEveryKindOfData_MovesIntoPostgreSql_AndServesTheSamePagesAccountsAndLinks()
    {
        using var source = AdminSite.On(SiteFactory.OnSqlite());
        var cookies = new CookieContainer();
        await FillAsync(source, cookies);
        var before = new Dictionary<string, string>();
        var client = source.Client();
        foreach (var page in SamePages) before[page] = await BodyAsync(client, page);
        var target = await (await PostgresServer.Instance).CreateDatabaseAsync();

        var (code, stdout, stderr) = await CopyToAsync(source.Factory.ConnectionString, target);

        Assert.True(code == 0, stderr + stdout);
        Assert.Contains("Count check:", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("DIFFERS", stdout, StringComparison.Ordinal);
        using (var copied = SuiteDatabase.Open(target))
        using (var original = SuiteDatabase.Open(source.Factory.ConnectionString))
        {
            foreach (var table in new[] { "Tool", "Review", "Critic", "Category", "SlugRedirect", "VerdictHistory", "Vote", "VoteTally", "VoteAddressCount", "Subscriber",
                                          "Editor", "AuditLog", "Digest", "DigestSend", "DataProtectionKey", "SiteSecret", "SignInFailure", "CategoryCount", "CriticCategoryCount" })
            {
                var rows = original.ExecuteScalar<long>($"SELECT count(*) FROM {table}");
                Assert.True(rows > 0, $"the source has no {table} rows: fill it");
                Assert.Equal(rows, copied.ExecuteScalar<long>($"SELECT count(*) FROM {table}"));
                Assert.Matches($@"(?m)^\s+{table.ToLowerInvariant()}\s+[\d,]+\s+[\d,]+\s+ok", stdout);
            }
            // The list counts, review copies and search documents equal a recount on PostgreSQL.
            ListRecount.AssertEqualsRecount(copied, "copy-to");
            Assert.Equal(copied.ExecuteScalar<long>("SELECT count(*) FROM Tool WHERE IsPublished = 1"), copied.ExecuteScalar<long>("SELECT count(*) FROM ToolSearch"));
            // Consent records and vote rows come across as they were.
            Assert.Equal(
                original.Query<(string, string, string)>("SELECT Email, Status, ConsentTextVersion FROM Subscriber ORDER BY Id"),
                copied.Query<(string, string, string)>("SELECT Email, Status, ConsentTextVersion FROM Subscriber ORDER BY Id"));
            Assert.Equal(
                original.Query<(long, string, string)>("SELECT ToolId, VoterId, Verdict FROM Vote ORDER BY ToolId, VoterId"),
                copied.Query<(long, string, string)>("SELECT ToolId, VoterId, Verdict FROM Vote ORDER BY ToolId, VoterId"));
        }

        using var moved = SiteFactory.OnDatabase(target);
        var reader = moved.Client();
        foreach (var page in SamePages)
        {
            var after = await BodyAsync(reader, page);
            var at = Enumerable.Range(0, Math.Min(before[page].Length, after.Length)).FirstOrDefault(i => before[page][i] != after[i], Math.Min(before[page].Length, after.Length));
            Assert.True(before[page] == after, $"{page} differs after the move, at {at}:\n{Around(before[page], at)}\n---\n{Around(after, at)}");
        }
        // Search finds the same tools (PostgreSQL's ranking may order ties differently from SQLite's FTS5).
        Assert.Equal(await SearchHitsAsync(client, "mistral"), await SearchHitsAsync(reader, "mistral"));
        foreach (var old in new[] { "/tools/smolvlm2", "/tools/smolvlm2-vision" })
        {
            using var renamed = await reader.GetAsync(old);
            Assert.Equal(HttpStatusCode.MovedPermanently, renamed.StatusCode);
            Assert.Equal("/tools/smol-vision-2", renamed.Headers.Location?.OriginalString);
        }
        // The session signed in on the SQLite site is valid on PostgreSQL: same keys, same accounts.
        var signedIn = moved.CreateDefaultClient(new CookieContainerHandler(cookies));
        using (var admin = await signedIn.GetAsync("/admin/tools")) Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
        // New rows take ids after the copied ones.
        var adminId = (await moved.Services.GetRequiredService<EditorRepository>().FindByEmailAsync(AdminSite.AdminEmail))!.Id;
        var created = await moved.Services.GetRequiredService<ToolAdminRepository>().CreateAsync(new ToolContent(
            "after-the-move", "After The Move", "Made on PostgreSQL", "Developer Tools", "Acme", null, new DateOnly(2026, 12, 1), null,
            new Pricing(PricingEntry.Free, "Free", null, null), [], "A tool made after the copy."), adminId);
        Assert.Equal(SaveOutcome.Saved, created.Outcome);
    }

    [PostgresFact]
    public async Task ATargetThatIsNotEmpty_IsRefused_AndLeftAsItWas()
    {
        using var source = SiteFactory.OnSqlite();
        _ = source.Server;
        var target = await (await PostgresServer.Instance).CreateDatabaseAsync();
        Assert.Equal(0, (await CopyToAsync(source.ConnectionString, target)).Code);
        using (var connection = SuiteDatabase.Open(target)) connection.Execute("UPDATE Tool SET Tagline = 'kept' WHERE Slug = 'smolvlm2-2b'");

        var (code, stdout, stderr) = await CopyToAsync(source.ConnectionString, target);

        Assert.Equal(1, code);
        Assert.Contains("copy-to failed: the target database", stderr, StringComparison.Ordinal);
        Assert.Contains("is not empty", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Count check", stdout, StringComparison.Ordinal);
        using var after = SuiteDatabase.Open(target);
        Assert.Equal("kept", after.ExecuteScalar<string>("SELECT Tagline FROM Tool WHERE Slug = 'smolvlm2-2b'"));

        // Another program's tables: refused too, and named.
        var foreign = await (await PostgresServer.Instance).CreateDatabaseAsync();
        using (var connection = SuiteDatabase.Open(foreign)) connection.Execute("CREATE TABLE invoices (id bigint)");
        var refused = await CopyToAsync(source.ConnectionString, foreign);
        Assert.Equal(1, refused.Code);
        Assert.Contains("not AiCompare's (invoices)", refused.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Data Source=elsewhere.db", "the target must be a PostgreSQL database")]
    [InlineData("Host=127.0.0.1;Port=1;Database=x;Username=u;Password=hunter2;Timeout=2", "copy-to failed:")]
    [InlineData("Database=x", "names no database")]
    public async Task ABadTarget_IsRefusedWithWhatWasExpected_AndNoPassword(string target, string expected)
    {
        using var source = SiteFactory.OnSqlite();
        _ = source.Server;

        var (code, stdout, stderr) = await CopyToAsync(source.ConnectionString, target);

        Assert.Equal(1, code);
        Assert.Contains(expected, stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", stdout + stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutATarget_PrintsItsUsage()
    {
        var (code, _, stderr) = await VerbProcess.RunAsync(VerbProcess.Start(published.Dll, _temp.Path, _temp.ConnectionString, "copy-to"));

        Assert.Equal(2, code);
        Assert.Contains("usage: copy-to", stderr, StringComparison.Ordinal);
    }

    private static async Task<List<string>> SearchHitsAsync(HttpClient client, string q) =>
        [.. (await client.GetDocumentAsync("/search?q=" + q)).QuerySelectorAll("[data-test=search-results] h2 a").Select(a => a.GetAttribute("href")!).Order(StringComparer.Ordinal)];

    private static string Around(string text, int at) => text[Math.Max(0, at - 200)..Math.Min(text.Length, at + 200)];

    private Task<(int Code, string Stdout, string Stderr)> CopyToAsync(string source, string target) =>
        VerbProcess.RunAsync(VerbProcess.Start(published.Dll, _temp.Path, source, "copy-to", target));

    private static async Task<string> BodyAsync(HttpClient client, string page)
    {
        using var response = await client.GetAsync(page);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{page} answered {(int)response.StatusCode}");
        // The signup form's time stamp (when the form was served) is the one thing that differs between renders.
        return System.Text.RegularExpressions.Regex.Replace(await response.Content.ReadAsStringAsync(), @"name=""t"" value=""\d+""", @"name=""t"" value=""…""");
    }

    /// <summary>Every kind of row the site writes, made the way the site makes it.</summary>
    private static async Task FillAsync(AdminSite site, CookieContainer cookies)
    {
        // Sign-in (a data-protection key and a session), after a wrong password (a sign-in failure).
        var browser = site.Factory.CreateDefaultClient(new CookieContainerHandler(cookies));
        using (await browser.SubmitAsync("/admin/login", "form[data-test=login-form]", new Dictionary<string, string?> { ["Email"] = AdminSite.AdminEmail, ["Password"] = "wrong" })) { }
        using (var signedIn = await browser.SubmitAsync("/admin/login", "form[data-test=login-form]", new Dictionary<string, string?> { ["Email"] = AdminSite.AdminEmail, ["Password"] = AdminSite.Password }))
        {
            Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        }
        // A rename (slug history, audit) with a changed verdict.
        var adminId = (await site.Service<EditorRepository>().FindByEmailAsync(AdminSite.AdminEmail))!.Id;
        var tools = site.Service<ToolAdminRepository>();
        long id;
        using (var connection = SuiteDatabase.Open(site.Factory.ConnectionString)) id = connection.ExecuteScalar<long>("SELECT Id FROM Tool WHERE Slug = 'smolvlm2'");
        var tool = (await tools.GetAsync(id))!;
        Assert.Equal(SaveOutcome.Saved, await tools.UpdateAsync(id, tool.Version, new ToolContent(
            "smolvlm2-vision", tool.Name, tool.Tagline, tool.Category, tool.Vendor, tool.Website, tool.Reviewed, tool.BestFor,
            new Pricing(tool.Entry, tool.PricingSummary, tool.InputPerMTok, tool.OutputPerMTok), tool.Reviews, tool.Description, tool.IsPublished), adminId));
        tool = (await tools.GetAsync(id))!;
        Assert.Equal(SaveOutcome.Saved, await tools.UpdateAsync(id, tool.Version, new ToolContent(
            "smol-vision-2", tool.Name, tool.Tagline, tool.Category, tool.Vendor, tool.Website, tool.Reviewed, tool.BestFor,
            new Pricing(tool.Entry, tool.PricingSummary, tool.InputPerMTok, tool.OutputPerMTok), tool.Reviews, tool.Description, tool.IsPublished), adminId));
        // Votes, from two addresses.
        var votes = site.Service<VoteWriter>();
        for (var i = 0; i < 12; i++)
        {
            await votes.SubmitAsync(new VoteRequest(i % 2 == 0 ? "smolvlm2-2b" : "mistral-code", $"voter-{i:D18}xxx", $"address-{i % 2}", i % 3 == 0 ? ReviewVerdict.Skip : ReviewVerdict.Ship, PerAddressCap: 50));
        }
        // A subscriber with their consent record, confirmed, and a digest sent to them.
        var newsletter = site.Service<NewsletterRepository>();
        var (subscriber, _) = await newsletter.SignupAsync("reader@example.com", "v1", "address-hash", TimeSpan.FromMinutes(10));
        Assert.True(await newsletter.ConfirmAsync(subscriber.Id));
        Assert.Equal("sent", (await site.Service<Digests>().SendAsync(new DateTimeOffset(2026, 6, 1, 8, 0, 0, TimeSpan.Zero))).Status);
    }
}
