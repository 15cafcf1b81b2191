using AiCompare.Data;
using AiCompare.Domain;
using AiCompare.Tests.Support;
using AiCompare.Web.Pages.Admin.Accounts;
using Dapper;
using Deque.AxeCore.Playwright;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace AiCompare.Tests.Browser;

/// <summary>
/// The admin as an editor meets it, in Debian's chromium: a tool from draft to published (preview,
/// reviews, a schedule), a near-duplicate named before its slug, a failed save that takes the focus to
/// its errors, a conflict resolved field by field, renames that keep embeds, and the confirmations of
/// destructive steps. axe checks every admin page, and each state these walks reach, at 360 and 1280 px.
/// </summary>
public sealed class EditorBrowserTests(BrowserSite site) : IClassFixture<BrowserSite>
{
    private const string Password = "correct horse battery staple";

    /// <summary>A new editor account, signed in through the login form in a fresh browser profile.</summary>
    private async Task<IPage> SignInAsync(EditorRole role = EditorRole.Editor)
    {
        var email = $"{role.ToString().ToLowerInvariant()}-{Guid.NewGuid():N}@example.com";
        var services = site.Factory.Services;
        await services.GetRequiredService<EditorRepository>().CreateAsync(
            email, "Editor " + email[..6], services.GetRequiredService<EditorPasswords>().Hash(Password), role, actorId: null);
        var page = await site.NewPageAsync();
        await page.GotoAsync("/admin/login");
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", Password);
        await page.ClickAsync("form[data-test=login-form] button[type=submit]");
        await page.ArrivesAtAsync("**/admin");
        return page;
    }

    /// <summary>Fills the add-a-tool form as a person would, by its labels.</summary>
    private static async Task FillToolAsync(IPage page, string name, string slug = "")
    {
        await page.GotoAsync("/admin/tools/edit");
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync(name);
        await page.GetByLabel("Slug", new() { Exact = true }).FillAsync(slug);
        await page.GetByLabel("Tagline", new() { Exact = true }).FillAsync(name + " writes tests for you");
        await page.GetByLabel("Category", new() { Exact = true }).FillAsync("Developer Tools");
        await page.GetByLabel("Reviewed", new() { Exact = true }).FillAsync("2026-12-01");
        await page.GetByLabel("Entry", new() { Exact = true }).SelectOptionAsync("freemium");
        await page.GetByLabel("Pricing summary", new() { Exact = true }).FillAsync("Free for one repo, $10/month after");
        await page.GetByLabel("Description", new() { Exact = true }).FillAsync(name + " reads your code and **writes the tests** you forgot.");
    }

    /// <summary>Adds a tool through the form, as a draft; returns its id, with the page on its edit page.</summary>
    private static async Task<long> AddDraftAsync(IPage page, string name, string slug)
    {
        await FillToolAsync(page, name, slug);
        await SaveAsync(page);
        await page.ArrivesAtAsync("**/admin/tools/edit/*?done=created");
        return IdFrom(page);
    }

    private static async Task SaveAsync(IPage page) => await page.ClickAsync("form[data-test=tool-form] [data-test=save]");

    /// <summary>axe at both widths on the page as it stands; failures are collected, not thrown.</summary>
    private static async Task AxeAsync(IPage page, string what, List<string> failures)
    {
        foreach (var width in new[] { 1280, 360 })
        {
            await page.SetViewportSizeAsync(width, 800);
            var axe = await page.RunAxe();
            failures.AddRange(axe.Violations
                .Where(v => v.Impact is "serious" or "critical")
                .Select(v => $"{what} at {width} px: {v.Id} ({v.Impact}): {v.Help}: " + string.Join(" | ", v.Nodes.Take(3).Select(n => n.Target.ToString()))));
        }
        await page.SetViewportSizeAsync(1280, 800);
    }

    private static long IdFrom(IPage page) =>
        long.Parse(new Uri(page.Url).AbsolutePath.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);

    [BrowserFact]
    public async Task Draft_PreviewedReviewedScheduledThenPublished_AsAnEditorWalksIt()
    {
        Assert.NotNull(BrowserSite.ChromiumPath);
        var page = await SignInAsync();
        var failures = new List<string>();

        var id = await AddDraftAsync(page, "Test Tern", "test-tern");
        await Assertions.Expect(page.Locator("[data-test=saved]")).ToContainTextAsync("Saved as a draft. It is not on the site yet");
        await Assertions.Expect(page.Locator("[data-test=status]")).ToHaveTextAsync("Draft: not on the site");
        var reader = await site.NewPageAsync();
        Assert.Equal(404, (await reader.GotoAsync("/tools/test-tern"))!.Status);

        // The panel reviews the draft.
        await page.GetByRole(AriaRole.Link, new() { Name = "Edit the panel's reviews" }).ClickAsync();
        var builder = page.Locator("[data-test=review-row][data-critic=builder]");
        await builder.GetByLabel("Score").FillAsync("84");
        await builder.GetByLabel("Verdict").SelectOptionAsync("ship");
        await builder.GetByLabel("Quote").FillAsync("It wrote the tests I kept putting off.");
        await page.ClickAsync("[data-test=save-reviews]");
        await Assertions.Expect(page.Locator("[data-test=saved]")).ToContainTextAsync("is a draft: preview it");

        // Its page and a comparison, previewed.
        await page.ClickAsync("[data-test=saved] a");
        await Assertions.Expect(page.Locator("[data-test=preview-tool] h1")).ToHaveTextAsync("Test Tern");
        await Assertions.Expect(page.Locator("[data-test=preview-tool]")).ToContainTextAsync("It wrote the tests I kept putting off.");
        await AxeAsync(page, "tool preview", failures);
        await page.GetByLabel("Compare it with (a published tool's slug)").FillAsync("cursor-nope");
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview the comparison" }).ClickAsync();
        await Assertions.Expect(page.Locator("#with-error")).ToContainTextAsync("No published tool has the slug 'cursor-nope'");
        await page.GetByLabel("Compare it with (a published tool's slug)").FillAsync("smolvlm2");
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview the comparison" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-test=preview-pair] h1")).ToContainTextAsync("Test Tern");
        await Assertions.Expect(page.Locator("[data-test=preview-pair] h1")).ToContainTextAsync("SmolVLM2");
        await AxeAsync(page, "comparison preview", failures);

        // Scheduled: a past time is refused beside the field, then a future one is taken.
        await page.GetByRole(AriaRole.Link, new() { Name = "Back to editing" }).ClickAsync();
        await page.GetByLabel("Publish on").FillAsync("2020-01-01");
        await page.GetByLabel("At (UTC)").FillAsync("10:00");
        await page.ClickAsync("[data-test=schedule]");
        await Assertions.Expect(page.Locator("#publish-date-error")).ToContainTextAsync("has already passed");
        Assert.Equal("error-summary", await page.EvaluateAsync<string>("() => document.activeElement.dataset.test"));
        await AxeAsync(page, "schedule refused", failures);
        await page.GetByLabel("Publish on").FillAsync("2030-06-01");
        await page.ClickAsync("[data-test=schedule]");
        await Assertions.Expect(page.Locator("[data-test=status]")).ToHaveTextAsync("Scheduled for 2030-06-01 10:00 UTC");
        await AxeAsync(page, "scheduled draft", failures);

        // Published now after all: readers see it.
        await page.ClickAsync("[data-test=publish]");
        await Assertions.Expect(page.Locator("[data-test=status]")).ToHaveTextAsync("Published");
        Assert.Equal(200, (await reader.GotoAsync("/tools/test-tern"))!.Status);
        await Assertions.Expect(reader.Locator("h1")).ToHaveTextAsync("Test Tern");
        await using (var connection = SuiteDatabase.Open(site.Factory.ConnectionString))
            Assert.Null(await connection.ExecuteScalarAsync<string?>("SELECT PublishAt FROM Tool WHERE Id = @Id", new { Id = id }));
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [BrowserFact]
    public async Task NearDuplicate_IsNamedBeforeAnyoneTalksAboutSlugs_AndSavingAnywayTakesTheFreeSlug()
    {
        Assert.NotNull(BrowserSite.ChromiumPath);
        var page = await SignInAsync();
        var failures = new List<string>();
        await FillToolAsync(page, "Mistral Medium-3");
        await SaveAsync(page);

        await Assertions.Expect(page.Locator("[data-test=near-match]").First).ToHaveTextAsync("Mistral Medium 3 (mistral-medium-3)");
        await Assertions.Expect(page.Locator("[data-test=error-summary-message]")).ToContainTextAsync("so the slug is now 'mistral-medium-3-2'");
        await Assertions.Expect(page.Locator("#slug")).ToHaveValueAsync("mistral-medium-3-2");
        await Assertions.Expect(page.Locator("#slug-error")).ToHaveCountAsync(0);
        Assert.Equal("error-summary", await page.EvaluateAsync<string>("() => document.activeElement.dataset.test"));
        await AxeAsync(page, "near-duplicate warning", failures);

        var link = page.Locator("[data-test=near-match] a").First;
        Assert.StartsWith("/admin/tools/edit/", await link.GetAttributeAsync("href"), StringComparison.Ordinal);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save anyway" }).ClickAsync();
        await page.ArrivesAtAsync("**/admin/tools/edit/*?done=created");
        await Assertions.Expect(page.Locator("#slug")).ToHaveValueAsync("mistral-medium-3-2");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [BrowserFact]
    public async Task FailedSave_FocusGoesToTheErrorSummary_ItsLinksPutTheCaretInEachField_AndNothingTypedIsLost()
    {
        Assert.NotNull(BrowserSite.ChromiumPath);
        var page = await SignInAsync();
        var failures = new List<string>();
        await page.GotoAsync("/admin/tools/edit");
        await page.GetByLabel("Output price per 1M tokens").FillAsync("two dollars");
        await page.GetByLabel("Description", new() { Exact = true }).FillAsync("Typed before the error.");
        await SaveAsync(page);

        var summary = page.Locator("[data-test=error-summary]");
        await Assertions.Expect(summary).ToBeFocusedAsync();
        await Assertions.Expect(summary.Locator("h2")).ToHaveTextAsync("There are 6 problems: nothing was saved");
        await Assertions.Expect(page.Locator("#slug-error")).ToHaveCountAsync(0);
        await AxeAsync(page, "failed save", failures);

        // The last link reaches a field far below the fold.
        await summary.Locator("a[href='#output-price']").ClickAsync();
        await Assertions.Expect(page.Locator("#output-price")).ToBeFocusedAsync();
        await Assertions.Expect(page.Locator("#output-price")).ToBeInViewportAsync();
        await Assertions.Expect(page.Locator("#output-price")).ToHaveValueAsync("two dollars");
        await Assertions.Expect(page.Locator("#description")).ToHaveValueAsync("Typed before the error.");
        await summary.Locator("a[href='#name']").ClickAsync();
        await Assertions.Expect(page.Locator("#name")).ToBeFocusedAsync();
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [BrowserFact]
    public async Task Conflict_TwoTabs_ShowsEachDifferingField_AndKeepsOrTakesThemOneByOne()
    {
        Assert.NotNull(BrowserSite.ChromiumPath);
        var first = await SignInAsync();
        var id = await AddDraftAsync(first, "Tabbed Tool", "tabbed-tool");
        var second = await first.Context.NewPageAsync();
        await second.GotoAsync($"/admin/tools/edit/{id}");

        await first.GetByLabel("Tagline", new() { Exact = true }).FillAsync("The first tab's tagline");
        await first.GetByLabel("Vendor", new() { Exact = true }).FillAsync("First Vendor");
        await SaveAsync(first);
        await Assertions.Expect(first.Locator("[data-test=saved]")).ToContainTextAsync("Saved.");

        await second.GetByLabel("Tagline", new() { Exact = true }).FillAsync("The second tab's tagline");
        await second.GetByLabel("Best for", new() { Exact = true }).FillAsync("Teams that forget tests");
        await SaveAsync(second);
        await Assertions.Expect(second.Locator("[data-test=error-summary]")).ToBeFocusedAsync();
        await Assertions.Expect(second.Locator("#conflict-heading")).ToHaveTextAsync("Saved meanwhile by you, in another tab");
        var rows = second.Locator("[data-test=conflict-fields] tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await Assertions.Expect(second.Locator("tr[data-field=Tagline] [data-test=stored]")).ToHaveTextAsync("The first tab's tagline");
        await Assertions.Expect(second.Locator("tr[data-field=Tagline] [data-test=yours]")).ToHaveTextAsync("The second tab's tagline");
        await Assertions.Expect(second.Locator("[data-test=taken]")).ToHaveTextAsync("Their changes now in the form: Vendor.");
        await Assertions.Expect(second.Locator("#vendor")).ToHaveValueAsync("First Vendor");
        var failures = new List<string>();
        await AxeAsync(second, "conflict", failures);

        // The tagline both changed: take theirs. The vendor (theirs) and best-for (mine) each keep their change.
        await second.Locator("tr[data-field=Tagline]").GetByLabel("Stored").CheckAsync();
        await second.GetByRole(AriaRole.Button, new() { Name = "Save with these choices" }).ClickAsync();
        await Assertions.Expect(second.Locator("[data-test=saved]")).ToContainTextAsync("Saved.");
        await Assertions.Expect(second.Locator("#tagline")).ToHaveValueAsync("The first tab's tagline");
        await Assertions.Expect(second.Locator("#vendor")).ToHaveValueAsync("First Vendor");
        await Assertions.Expect(second.Locator("#best-for")).ToHaveValueAsync("Teams that forget tests");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [BrowserFact]
    public async Task Rename_KeepsThePageComparisonBadgeAndEmbedLinks_ThatOtherSitesHold()
    {
        Assert.NotNull(BrowserSite.ChromiumPath);
        var page = await SignInAsync();
        await AddDraftAsync(page, "Renamed Robin", "robin-old");
        await page.ClickAsync("[data-test=publish]");
        await Assertions.Expect(page.Locator("[data-test=status]")).ToHaveTextAsync("Published");
        await page.GetByLabel("Slug", new() { Exact = true }).FillAsync("robin-new");
        await SaveAsync(page);
        await Assertions.Expect(page.Locator("[data-test=saved]")).ToContainTextAsync("Saved.");

        var reader = await site.NewPageAsync();
        foreach (var (old, now) in new[]
        {
            ("/tools/robin-old", "/tools/robin-new"),
            ("/compare/robin-old-vs-smolvlm2", "/compare/robin-new-vs-smolvlm2"),
            ("/embed/robin-old", "/embed/robin-new"),
            ("/badge/robin-old.svg", "/badge/robin-new.svg"),
        })
        {
            var response = await reader.GotoAsync(old);
            Assert.Equal(200, response!.Status);
            Assert.Equal(now, new Uri(reader.Url).AbsolutePath);
        }
    }

    [BrowserFact]
    public async Task DestructiveSteps_AskFirst_UnpublishRemoveAReviewEraseASubscriber_AndSendSaysWhatHappened()
    {
        Assert.NotNull(BrowserSite.ChromiumPath);
        var page = await SignInAsync(EditorRole.Admin);
        var id = await AddDraftAsync(page, "Careful Crane", "careful-crane");
        await page.ClickAsync("[data-test=publish]");

        // Unpublish: a page that says what happens, and only its button does it.
        await page.ClickAsync("[data-test=unpublish-link]");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Take Careful Crane off the site?");
        await page.ClickAsync("[data-test=confirm]");
        await Assertions.Expect(page.Locator("[data-test=status]")).ToHaveTextAsync("Draft: not on the site");

        // A review emptied and saved: named, asked about, removed only by "Remove and save".
        await page.GotoAsync($"/admin/tools/reviews/{id}");
        var skeptic = page.Locator("[data-test=review-row][data-critic=skeptic]");
        await skeptic.GetByLabel("Score").FillAsync("40");
        await skeptic.GetByLabel("Verdict").SelectOptionAsync("skip");
        await skeptic.GetByLabel("Quote").FillAsync("Another tool that will not last.");
        await page.ClickAsync("[data-test=save-reviews]");
        await page.ArrivesAtAsync("**saved=true");
        await Assertions.Expect(page.Locator("[data-test=saved]")).ToBeVisibleAsync();
        await skeptic.GetByLabel("Score").FillAsync("");
        await skeptic.GetByLabel("Verdict").SelectOptionAsync("");
        await skeptic.GetByLabel("Quote").FillAsync("");
        await page.ClickAsync("[data-test=save-reviews]");
        await Assertions.Expect(page.Locator("[data-test=confirm-remove]")).ToContainTextAsync("Saving removes the review by The Skeptic");
        // The button, not the question's text that names it.
        await Assertions.Expect(page.Locator("[data-test=save-reviews]")).ToHaveTextAsync("Remove and save");
        await page.ClickAsync("[data-test=save-reviews]");
        // The question's page already has "saved=true" in its address (the form posts back to it): wait for
        // the page after the save, which alone shows the notice, before going on.
        await page.ArrivesAtAsync("**saved=true");
        await Assertions.Expect(page.Locator("[data-test=saved]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-test=confirm-remove]")).ToHaveCountAsync(0);
        await Assertions.Expect(skeptic.GetByLabel("Quote")).ToHaveValueAsync("");
        await using (var connection = SuiteDatabase.Open(site.Factory.ConnectionString))
            Assert.Equal(0, await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM Review WHERE ToolId = @Id", new { Id = id }));

        // Erasing a subscriber asks first.
        long subscriber;
        await using (var connection = SuiteDatabase.Open(site.Factory.ConnectionString))
        {
            subscriber = await connection.ExecuteScalarAsync<long>(
                "INSERT INTO Subscriber (Email, Status, CreatedAt, UpdatedAt) VALUES (@Email, 'pending', '2026-11-01', '2026-11-01') RETURNING Id",
                new { Email = $"erase-{Guid.NewGuid():N}@example.com" });
        }
        await page.GotoAsync($"/admin/subscribers/erase/{subscriber}");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Erase a subscriber?");

        // "Send it now" with no confirmed subscriber (nothing in this class confirms one) says so.
        await page.GotoAsync("/admin/newsletter");
        await Assertions.Expect(page.Locator("[data-test=count-confirmed]")).ToHaveTextAsync("0");
        await page.ClickAsync("form[data-test=send-form] button[type=submit]");
        await Assertions.Expect(page.Locator("[data-test=notice]")).ToContainTextAsync("Sent to 0 subscribers: no confirmed subscribers yet");
    }

    [BrowserFact]
    public async Task Export_DownloadedFromTheDashboard_CarriesDraftsSchedulesAndOldSlugs()
    {
        Assert.NotNull(BrowserSite.ChromiumPath);
        var page = await SignInAsync();
        await AddDraftAsync(page, "Exported Egret", "egret-before");
        await page.GetByLabel("Slug", new() { Exact = true }).FillAsync("exported-egret");
        await SaveAsync(page);
        await page.GetByLabel("Publish on").FillAsync("2031-01-02");
        await page.GetByLabel("At (UTC)").FillAsync("03:04");
        await page.ClickAsync("[data-test=schedule]");
        await Assertions.Expect(page.Locator("[data-test=status]")).ToHaveTextAsync("Scheduled for 2031-01-02 03:04 UTC");

        await page.GotoAsync("/admin");
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Export the catalog" }).ClickAsync());
        using var zip = System.IO.Compression.ZipFile.OpenRead(await download.PathAsync());
        using var reader = new StreamReader(zip.GetEntry("tools/exported-egret.md")!.Open());
        var text = await reader.ReadToEndAsync();
        Assert.Contains("published: false\npublish_at: 2031-01-02T03:04:00Z\nold_slugs: [\"egret-before\"]\n", text, StringComparison.Ordinal);
    }

    [BrowserFact]
    public async Task AdminPages_HaveNoSeriousOrCriticalAxeViolations_At360And1280()
    {
        Assert.NotNull(BrowserSite.ChromiumPath);
        var page = await SignInAsync(EditorRole.Admin);
        long toolId, subscriberId;
        await using (var connection = SuiteDatabase.Open(site.Factory.ConnectionString))
        {
            toolId = await connection.ExecuteScalarAsync<long>("SELECT Id FROM Tool WHERE Slug = 'smolvlm2'");
            subscriberId = await connection.ExecuteScalarAsync<long>(
                "INSERT INTO Subscriber (Email, Status, CreatedAt, UpdatedAt) VALUES (@Email, 'pending', '2026-11-01', '2026-11-01') RETURNING Id",
                new { Email = $"axe-{Guid.NewGuid():N}@example.com" });
        }
        var failures = new List<string>();
        var checkedPages = 0;
        foreach (var url in SweepRoutes.Admin(toolId, subscriberId).Append($"/admin/tools/preview/{toolId}?with=mistral-medium-3"))
        {
            var response = await page.GotoAsync(url);
            Assert.True(response!.Status < 500, $"{url} answered {response.Status}");
            checkedPages++;
            await AxeAsync(page, url, failures);
        }
        Assert.True(checkedPages >= 15, $"only {checkedPages} admin pages checked");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }
}
