using System.Net;
using AiCompare.Data;
using AiCompare.Domain;
using AiCompare.Tests.Support;
using AiCompare.Web.Pages.Admin.Accounts;
using AiCompare.Web.Pages.Newsletter;
using Dapper;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace AiCompare.Tests.Web.Hosting;

/// <summary>
/// Every admin form, saved while another connection holds the database's write lock: the same page comes
/// back complete (503, Retry-After) with what was typed and "Not saved"; a button without typed input gets
/// the error page saying so. The lock wait is set to its 1 s minimum to keep the test quick.
/// </summary>
public sealed class StorageFaultFormTests
{
    private const string Typed = "typed-during-the-fault";

    public static TheoryData<string> Forms => ["tool", "schedule", "reviews", "critic", "editor", "account", "login"];

    private const string TypedDay = "2031-05-06";

    [Theory]
    [MemberData(nameof(Forms))]
    public async Task AdminForm_SavedWhileTheDatabaseIsLocked_ComesBackWithTheInputAndNotSaved(string form)
    {
        using var site = SiteFactory.WithSettings(new Dictionary<string, string> { ["Database:LockTimeoutSeconds"] = "1" });
        var client = await SignedInAsync(site, signIn: form != "login");
        var (page, selector, values) = await FormAsync(site, form);
        var before = await client.GetDocumentAsync(page);
        var fieldsBefore = before.QuerySelector(selector)!.QuerySelectorAll("input, select, textarea").Length;

        HttpResponseMessage response;
        using (Locked(site))
        {
            response = await client.SubmitAsync(before, page, selector, values);
        }
        var body = await response.Content.ReadAsStringAsync();
        var doc = Html.Parse(body);

        Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"{(int)response.StatusCode}\n{body[..Math.Min(body.Length, 1500)]}");
        Assert.Equal("5", response.Headers.RetryAfter?.ToString());
        var notice = doc.QuerySelector("[data-test=not-saved]")?.TextContent;
        Assert.StartsWith("Not saved: the database is busy just now.", notice, StringComparison.Ordinal);
        // The same form, whole (rows, select lists), with what was typed.
        Assert.Equal(fieldsBefore, doc.QuerySelector(selector)?.QuerySelectorAll("input, select, textarea").Length);
        if (form is not "account" and not "schedule") Assert.Contains(Typed, body, StringComparison.Ordinal);
        if (form == "schedule") Assert.Equal(TypedDay, doc.QuerySelector("#publish-date")?.GetAttribute("value"));
        Assert.DoesNotContain(site.Logs, l => l.Contains("[ERR]", StringComparison.Ordinal) || l.Contains("   at ", StringComparison.Ordinal));
        Assert.Contains(site.Logs, l => l.Contains("Storage fault: POST", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PublishButton_WhileTheDatabaseIsLocked_AnswersTheErrorPageSayingNotSaved()
    {
        using var site = SiteFactory.WithSettings(new Dictionary<string, string> { ["Database:LockTimeoutSeconds"] = "1" });
        var client = await SignedInAsync(site, signIn: true);
        var id = ToolId(site);
        var page = $"/admin/tools/unpublish/{id}";
        var doc = await client.GetDocumentAsync(page);

        HttpResponseMessage response;
        using (Locked(site))
        {
            response = await client.SubmitAsync(doc, page, "form[data-test=unpublish-form]", buttonSelector: "[data-test=confirm]");
        }
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.Contains("Not saved: the database is busy just now.", body, StringComparison.Ordinal);
        Assert.NotNull(Html.Parse(body).QuerySelector("[data-test=error-page]"));
        using var connection = SuiteDatabase.Open(site.ConnectionString);
        Assert.True(connection.ExecuteScalar<bool>("SELECT IsPublished FROM Tool WHERE Id = @Id", new { Id = id }), "nothing was changed");
    }

    [Fact]
    public async Task NewsletterConfirmAndUnsubscribe_WhileTheDatabaseIsLocked_Answer503NotSaved_AndChangeNothing()
    {
        using var site = SiteFactory.WithSettings(new Dictionary<string, string> { ["Database:LockTimeoutSeconds"] = "1" });
        _ = site.Server;
        var (subscriber, _) = await site.Services.GetRequiredService<NewsletterRepository>().SignupAsync("reader@example.com", "v1", "hash", TimeSpan.FromMinutes(10));
        var links = site.Services.GetRequiredService<NewsletterLinks>();
        var client = site.Client();

        foreach (var (link, selector) in new[] { (links.Confirm(subscriber), "form[data-test=confirm-form]"), (links.Unsubscribe(subscriber), "form[data-test=unsubscribe-form]") })
        {
            var page = new Uri(link).PathAndQuery;
            var doc = await client.GetDocumentAsync(page);
            HttpResponseMessage response;
            using (Locked(site))
            {
                response = await client.SubmitAsync(doc, page, selector);
            }
            var body = await response.Content.ReadAsStringAsync();

            Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"{page}: {(int)response.StatusCode}");
            Assert.Equal("5", response.Headers.RetryAfter?.ToString());
            Assert.Contains("Not saved: the database is busy just now.", body, StringComparison.Ordinal);
        }
        using var connection = SuiteDatabase.Open(site.ConnectionString);
        Assert.Equal("pending", connection.ExecuteScalar<string>("SELECT Status FROM Subscriber WHERE Id = @Id", new { subscriber.Id }));
    }

    /// <summary>Makes tool <paramref name="id"/> a draft (only a draft has a schedule form); returns the id.</summary>
    private static long Draft(SiteFactory site, long id)
    {
        using var connection = SuiteDatabase.Open(site.ConnectionString);
        connection.Execute("UPDATE Tool SET IsPublished = 0 WHERE Id = @Id", new { Id = id });
        return id;
    }

    private static async Task<(string Page, string Selector, Dictionary<string, string?> Values)> FormAsync(SiteFactory site, string form)
    {
        var id = ToolId(site);
        return form switch
        {
            "tool" => ($"/admin/tools/edit/{id}", "form[data-test=tool-form]", new() { ["Form.Tagline"] = Typed }),
            "schedule" => ($"/admin/tools/edit/{Draft(site, id)}", "form[data-test=schedule-form]", new() { ["PublishDate"] = TypedDay, ["PublishTime"] = "07:08" }),
            "reviews" => ($"/admin/tools/reviews/{id}", "form[data-test=reviews-form]", new() { ["Rows[0].Score"] = "70", ["Rows[0].Verdict"] = "ship", ["Rows[0].Quote"] = Typed }),
            "critic" => ($"/admin/critics/edit/{await CriticSlugAsync(site)}", "form[data-test=critic-form]", new() { ["Form.Motto"] = Typed }),
            "editor" => ("/admin/editors", "form[data-test=editor-form]", new() { ["Email"] = "new@example.com", ["DisplayName"] = Typed, ["Role"] = "editor", ["Password"] = "a long enough passphrase" }),
            "account" => ("/admin/account", "form[data-test=password-form]", new() { ["CurrentPassword"] = AdminSite.Password, ["NewPassword"] = "another long passphrase" }),
            _ => ("/admin/login", "form[data-test=login-form]", new() { ["Email"] = Typed + "@example.com", ["Password"] = "wrong password" }),
        };
    }

    private static async Task<HttpClient> SignedInAsync(SiteFactory site, bool signIn)
    {
        _ = site.Server;
        var hash = site.Services.GetRequiredService<EditorPasswords>().Hash(AdminSite.Password);
        var editors = site.Services.GetRequiredService<EditorRepository>();
        await editors.CreateAsync(AdminSite.AdminEmail, "admin", hash, EditorRole.Admin, actorId: null);
        // A failed sign-in writes only for a known address: the login case types one that exists.
        await editors.CreateAsync(Typed + "@example.com", "typed", hash, EditorRole.Editor, actorId: null);
        var client = site.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        if (!signIn) return client;
        using var response = await client.SubmitAsync("/admin/login", "form[data-test=login-form]", new Dictionary<string, string?>
        {
            ["Email"] = AdminSite.AdminEmail,
            ["Password"] = AdminSite.Password,
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    private static long ToolId(SiteFactory site)
    {
        using var connection = SuiteDatabase.Open(site.ConnectionString);
        return connection.ExecuteScalar<long>("SELECT Id FROM Tool WHERE IsPublished = 1 ORDER BY Id LIMIT 1");
    }

    private static async Task<string> CriticSlugAsync(SiteFactory site)
    {
        await using var connection = SuiteDatabase.Open(site.ConnectionString);
        return await connection.ExecuteScalarAsync<string>("SELECT Slug FROM Critic ORDER BY Id LIMIT 1") ?? "";
    }

    /// <summary>Another connection holds the write lock until disposed (readers go on: write-ahead log).</summary>
    [Fact]
    public async Task DigestScheduler_WhileTheDatabaseIsLocked_LogsOneWarningARunWithoutAStackTrace_ThenSends()
    {
        using var site = SiteFactory.WithSettings(new Dictionary<string, string>
        {
            ["Database:LockTimeoutSeconds"] = "1",
            ["Newsletter:SchedulerEnabled"] = "true",
            ["Newsletter:SchedulerIntervalSeconds"] = "1",
        });
        var db = site.Services.GetRequiredService<Db>(); // starts the host, and with it the scheduler (nobody to send to yet)
        // A confirmed subscriber, then at once the lock: the scheduler's next run has a digest to write, and cannot.
        using (var connection = SuiteDatabase.Open(site.ConnectionString))
            connection.Execute("INSERT INTO Subscriber (Email, Status, CreatedAt, UpdatedAt) VALUES ('reader@example.com', 'confirmed', '2026-01-01', '2026-01-01')");
        using (SuiteDatabase.HoldWriteLock(site.ConnectionString))
        {
            Assert.True(await Eventually(() => site.Logs.Count(l => l.Contains("Digest scheduler run failed, locked/busy", StringComparison.Ordinal)) >= 2),
                string.Join('\n', site.Logs));
        }
        Assert.DoesNotContain(site.Logs, l => l.Contains("[ERR]", StringComparison.Ordinal) || l.Contains("   at ", StringComparison.Ordinal));
        // Once the lock is gone the next run sends the week's digest.
        Assert.True(await Eventually(() =>
        {
            using var connection = db.Open();
            return connection.ExecuteScalar<long>("SELECT COUNT(*) FROM Digest WHERE Status = 'sent'") > 0;
        }),
            string.Join('\n', site.Logs));
    }

    [Fact]
    public async Task FirstVoteOnAFreshSite_WhileTheDatabaseIsLocked_Answers503NotA500()
    {
        // The first vote on a fresh site: nothing warmed up before the lock is taken.
        using var site = SiteFactory.WithSettings(new Dictionary<string, string> { ["Database:LockTimeoutSeconds"] = "1" });
        var client = site.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var response = await WithLockAsync(site, () =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/votes/smolvlm2") { Content = new FormUrlEncodedContent([new("verdict", "ship")]) };
            request.Headers.Add("Sec-Fetch-Site", "same-origin");
            request.Headers.Add("Origin", "http://localhost");
            return client.SendAsync(request);
        });

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.DoesNotContain(site.Logs, l => l.Contains("[ERR]", StringComparison.Ordinal) || l.Contains("   at ", StringComparison.Ordinal));
    }

    private static async Task<T> WithLockAsync<T>(SiteFactory site, Func<Task<T>> work)
    {
        using var locked = Locked(site);
        return await work();
    }

    private static async Task<bool> Eventually(Func<bool> condition)
    {
        for (var waited = 0; waited < 30_000; waited += 100)
        {
            if (condition()) return true;
            await Task.Delay(100);
        }
        return false;
    }

    private static System.Data.Common.DbConnection Locked(SiteFactory site) => SuiteDatabase.HoldWriteLock(site.ConnectionString);
}
