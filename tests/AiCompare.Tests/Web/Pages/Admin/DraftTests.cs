using System.Globalization;
using System.Net;
using AiCompare.Data;
using AiCompare.Tests.Support;
using AiCompare.Web.Pages.Admin.Tools;

namespace AiCompare.Tests.Web.Pages.Admin;

/// <summary>
/// A new tool is a draft: nobody but editors sees it until it is published, now or at a scheduled time;
/// editors can preview it and review it meanwhile. Walked through the real forms.
/// </summary>
public sealed class DraftTests(AdminSite site) : IClassFixture<AdminSite>
{
    private static string Today => DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static Dictionary<string, string?> Tool(string name, string slug, string? reviewed = null) => new()
    {
        ["Form.Name"] = name,
        ["Form.Slug"] = slug,
        ["Form.Tagline"] = name + " drafts quietly",
        ["Form.Category"] = "Developer Tools",
        ["Form.Reviewed"] = reviewed ?? Today,
        ["Form.Entry"] = "free",
        ["Form.PricingSummary"] = "Free",
        ["Form.Description"] = "Zanzibarish " + name + ", a tool nobody should find yet.",
    };

    private async Task<(HttpClient Client, long Id)> AddDraftAsync(string name, string slug, string? reviewed = null)
    {
        var client = await site.SignedInAsync(AdminSite.EditorEmail);
        using var response = await client.SubmitAsync("/admin/tools/edit", "form[data-test=tool-form]", Tool(name, slug, reviewed));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.EndsWith("?done=created", location, StringComparison.Ordinal);
        return (client, long.Parse(location["/admin/tools/edit/".Length..].Split('?')[0], CultureInfo.InvariantCulture));
    }

    /// <summary>Every public place a tool can appear, and whether <paramref name="slug"/> appears there.</summary>
    private async Task AssertPublicAsync(string slug, bool shown)
    {
        var anon = site.Client();
        var expected = shown ? HttpStatusCode.OK : HttpStatusCode.NotFound;
        foreach (var url in new[] { $"/tools/{slug}", $"/compare/{slug}-vs-smolvlm2", $"/api/v1/tools/{slug}", $"/api/v1/compare/{slug}-vs-smolvlm2", $"/embed/{slug}", $"/badge/{slug}.svg" })
        {
            using var response = await anon.GetAsync(url);
            Assert.True(expected == response.StatusCode, $"{url} answered {(int)response.StatusCode}, expected {(int)expected}");
        }
        foreach (var url in new[] { "/", "/feed.xml", "/search?q=zanzibarish", "/categories/developer-tools", "/api/v1/tools?limit=100" })
        {
            using var response = await anon.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url} answered {(int)response.StatusCode}");
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(shown == body.Contains(slug, StringComparison.Ordinal), $"{url} {(shown ? "lacks" : "shows")} {slug}");
        }
        var sitemaps = System.Text.RegularExpressions.Regex.Matches(await anon.GetStringAsync("/sitemap.xml"), "<loc>[^<]*?(/sitemaps/[^<]+)</loc>").Select(m => m.Groups[1].Value);
        var inSitemaps = false;
        foreach (var map in sitemaps) inSitemaps |= (await anon.GetStringAsync(map)).Contains("/tools/" + slug + "<", StringComparison.Ordinal);
        Assert.Equal(shown, inSitemaps);
    }

    [Fact]
    public async Task NewTool_IsADraft_HiddenFromReaders_PreviewedAndReviewedByEditors_ThenPublishedEverywhere()
    {
        // Reviewed in the week this Monday's digest covers, so that published it would be in the digest.
        var slot = site.Service<AiCompare.Web.Pages.Newsletter.Digests>().Schedule.LatestSlot(DateTimeOffset.UtcNow);
        var (client, id) = await AddDraftAsync("Quiet Quill", "quiet-quill", slot.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        async Task<bool> InDigestAsync() =>
            (await client.GetDocumentAsync("/admin/newsletter?handler=Preview")).One("[data-test=digest-preview]").TextContent.Contains("Quiet Quill", StringComparison.Ordinal);

        var edit = await client.GetDocumentAsync($"/admin/tools/edit/{id}?done=created");
        Assert.StartsWith("Saved as a draft.", edit.One("[data-test=saved]").Text(), StringComparison.Ordinal);
        Assert.Equal("Draft: not on the site", edit.One("[data-test=status]").Text());
        var list = await client.GetDocumentAsync("/admin/tools?q=quiet");
        Assert.Contains("Draft", list.One("[data-test=admin-tools] tbody tr").Text(), StringComparison.Ordinal);
        await AssertPublicAsync("quiet-quill", shown: false);

        // Reviews can be written on a draft; the preview shows them as readers will see them.
        var reviews = await client.GetDocumentAsync($"/admin/tools/reviews/{id}");
        var values = new Dictionary<string, string?>();
        var rows = reviews.QuerySelectorAll("[data-test=review-row]").ToList();
        values["Rows[0].Score"] = "81";
        values["Rows[0].Verdict"] = "ship";
        values["Rows[0].Quote"] = "Quietly useful.";
        using (var saved = await client.SubmitAsync(reviews, $"/admin/tools/reviews/{id}", "form[data-test=reviews-form]", values))
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var preview = await client.GetDocumentAsync(edit.One("[data-test=preview-link]").GetAttribute("href")!);
        Assert.Contains("A draft: only editors can see this page", preview.One("[data-test=preview-status]").Text(), StringComparison.Ordinal);
        Assert.Equal("Quiet Quill", preview.One("[data-test=preview-tool] h1").Text());
        Assert.Contains("Quietly useful.", preview.One("[data-test=preview-tool]").TextContent, StringComparison.Ordinal);
        Assert.Equal("noindex, nofollow", preview.One("meta[name=robots]").GetAttribute("content"));

        // A comparison with a published tool, previewed through the form on the preview page.
        var pair = await client.GetDocumentAsync($"/admin/tools/preview/{id}?with=SmolVLM2");
        Assert.Contains("Quiet Quill", pair.One("[data-test=preview-pair] h1").Text(), StringComparison.Ordinal);
        Assert.Contains("SmolVLM2", pair.One("[data-test=preview-pair] h1").Text(), StringComparison.Ordinal);
        Assert.Contains("Quietly useful.", pair.One("[data-test=preview-pair]").TextContent, StringComparison.Ordinal);

        // A reader asking for the preview is sent to sign in; the page sets nothing public.
        using (var anonPreview = await site.Client().GetAsync($"/admin/tools/preview/{id}"))
        {
            Assert.Equal(HttpStatusCode.Redirect, anonPreview.StatusCode);
            Assert.StartsWith("/admin/login", anonPreview.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
        }
        await AssertPublicAsync("quiet-quill", shown: false);
        Assert.False(await InDigestAsync());

        using (var published = await client.SubmitAsync($"/admin/tools/edit/{id}", "form[data-test=publish-form]"))
            Assert.Equal($"/admin/tools/edit/{id}?done=published", published.Headers.Location!.OriginalString);
        Assert.Equal("Published", (await client.GetDocumentAsync($"/admin/tools/edit/{id}")).One("[data-test=status]").Text());
        await AssertPublicAsync("quiet-quill", shown: true);
        Assert.True(await InDigestAsync());
    }

    [Fact]
    public async Task Preview_WithAnUnknownOrTheSameTool_SaysSoBesideTheField()
    {
        var (client, id) = await AddDraftAsync("Preview Pal", "preview-pal");
        var unknown = await client.GetDocumentAsync($"/admin/tools/preview/{id}?with=no-such-tool", 400);
        Assert.Contains("No published tool has the slug 'no-such-tool'", unknown.One("#with-error").Text(), StringComparison.Ordinal);
        Assert.Equal("Preview Pal", unknown.One("[data-test=preview-tool] h1").Text());
        var hostile = await client.GetDocumentAsync($"/admin/tools/preview/{id}?with=%3Cscript%3Ealert(1)%3C/script%3E", 400);
        hostile.AssertNoInjectedScript();
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/admin/tools/preview/999999")).StatusCode);
    }

    [Theory]
    [InlineData("", "09:00", "#publish-date-error", "Publish on: enter the day, as YYYY-MM-DD.")]
    [InlineData("12/24/2030", "", "#publish-date-error", "Publish on: '12/24/2030' is not a day written as YYYY-MM-DD")]
    [InlineData("2030-12-24", "9am", "#publish-time-error", "At (UTC): '9am' is not a time written as HH:MM (24-hour), like 09:30.")]
    [InlineData("2020-01-01", "09:00", "#publish-date-error", "Publish on: 2020-01-01 09:00 UTC has already passed.")]
    public async Task Schedule_BadOrPastTime_IsRefusedBesideTheField_AndNothingChanges(string date, string time, string errorSelector, string message)
    {
        var (client, id) = await AddDraftAsync("Sched " + errorSelector[1..5] + date.Replace("/", "", StringComparison.Ordinal) + time.Replace(":", "", StringComparison.Ordinal), "sched-" + Guid.NewGuid().ToString("N")[..8]);
        var before = await site.Service<ToolAdminRepository>().GetAsync(id);

        using var refused = await client.SubmitAsync($"/admin/tools/edit/{id}", "form[data-test=schedule-form]", new Dictionary<string, string?> { ["PublishDate"] = date, ["PublishTime"] = time });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var doc = Html.Parse(await refused.Content.ReadAsStringAsync());
        Assert.StartsWith(message, doc.One(errorSelector).Text(), StringComparison.Ordinal);
        Assert.Equal("#" + errorSelector[1..^"-error".Length], doc.One("[data-test=error-summary] a").GetAttribute("href"));
        Assert.True(doc.One("[data-test=error-summary]").HasAttribute("autofocus"));
        Assert.Equal(date, doc.One("#publish-date").GetAttribute("value") ?? "");

        var after = await site.Service<ToolAdminRepository>().GetAsync(id);
        Assert.Null(after!.PublishAt);
        Assert.Equal(before!.Version, after.Version);
    }

    [Fact]
    public async Task Schedule_ThePublisherPutsItOnTheSiteWhenDue_OnceAndAudited_AndCancellingKeepsADraft()
    {
        var (client, id) = await AddDraftAsync("Timed Tern", "timed-tern");
        using (var scheduled = await client.SubmitAsync($"/admin/tools/edit/{id}", "form[data-test=schedule-form]", new Dictionary<string, string?> { ["PublishDate"] = "2030-12-24", ["PublishTime"] = "9:30" }))
            Assert.Equal($"/admin/tools/edit/{id}?done=scheduled", scheduled.Headers.Location!.OriginalString);
        var edit = await client.GetDocumentAsync($"/admin/tools/edit/{id}?done=scheduled");
        Assert.Equal("Scheduled for 2030-12-24 09:30 UTC", edit.One("[data-test=status]").Text());
        Assert.Contains("goes on the site at 2030-12-24 09:30 UTC", edit.One("[data-test=saved]").Text(), StringComparison.Ordinal);
        Assert.Equal("2030-12-24", edit.One("#publish-date").GetAttribute("value"));
        Assert.Equal("09:30", edit.One("#publish-time").GetAttribute("value"));
        Assert.Contains("Scheduled for 2030-12-24 09:30 UTC", (await client.GetDocumentAsync("/admin/tools?q=timed")).One("[data-test=admin-tools] tbody tr").Text(), StringComparison.Ordinal);

        var publisher = site.Service<ScheduledPublisher>();
        var due = new DateTimeOffset(2030, 12, 24, 9, 30, 0, TimeSpan.Zero);
        Assert.DoesNotContain(await publisher.RunOnceAsync(due.AddMinutes(-1)), p => p.Slug == "timed-tern");
        await AssertPublicAsync("timed-tern", shown: false);

        var published = await publisher.RunOnceAsync(due);
        Assert.Contains(published, p => p.Slug == "timed-tern" && p.PublishAt == due);
        Assert.Empty(await publisher.RunOnceAsync(due.AddMinutes(5)));
        await AssertPublicAsync("timed-tern", shown: true);
        var stored = await site.Service<ToolAdminRepository>().GetAsync(id);
        Assert.True(stored!.IsPublished);
        Assert.Null(stored.PublishAt);
        var audit = await client.GetDocumentAsync("/admin/audit");
        Assert.Contains(audit.QuerySelectorAll("tbody tr").Select(r => r.Text()), r => r.Contains("tool.publish", StringComparison.Ordinal) && r.Contains("as scheduled for 2030-12-24 09:30 UTC", StringComparison.Ordinal));

        // Cancelling a schedule leaves a draft that nothing publishes.
        var (other, otherId) = await AddDraftAsync("Paused Puffin", "paused-puffin");
        using (await other.SubmitAsync($"/admin/tools/edit/{otherId}", "form[data-test=schedule-form]", new Dictionary<string, string?> { ["PublishDate"] = "2030-12-24", ["PublishTime"] = "" }))
        {
        }
        Assert.Equal("Scheduled for 2030-12-24 00:00 UTC", (await other.GetDocumentAsync($"/admin/tools/edit/{otherId}")).One("[data-test=status]").Text());
        using (var cancelled = await other.SubmitAsync($"/admin/tools/edit/{otherId}", "form[data-test=schedule-form]", buttonSelector: "[data-test=unschedule]"))
            Assert.Equal($"/admin/tools/edit/{otherId}?done=unscheduled", cancelled.Headers.Location!.OriginalString);
        Assert.Equal("Draft: not on the site", (await other.GetDocumentAsync($"/admin/tools/edit/{otherId}")).One("[data-test=status]").Text());
        Assert.DoesNotContain(await publisher.RunOnceAsync(due.AddYears(5)), p => p.Slug == "paused-puffin");
        await AssertPublicAsync("paused-puffin", shown: false);
    }

    [Fact]
    public async Task Schedule_APublishedTool_HasNoScheduleForm_AndAPostIsRefused()
    {
        var (client, id) = await AddDraftAsync("Live Lark", "live-lark");
        var draft = await client.GetDocumentAsync($"/admin/tools/edit/{id}");
        using (await client.SubmitAsync(draft, $"/admin/tools/edit/{id}", "form[data-test=publish-form]"))
        {
        }
        var live = await client.GetDocumentAsync($"/admin/tools/edit/{id}");
        Assert.Empty(live.QuerySelectorAll("[data-test=schedule-form]"));
        // The stale schedule form of the draft page, posted after publishing: refused, nothing changed.
        using var stale = await client.SubmitAsync(draft, $"/admin/tools/edit/{id}", "form[data-test=schedule-form]", new Dictionary<string, string?> { ["PublishDate"] = "2030-01-01" });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("after you opened it", Html.Parse(await stale.Content.ReadAsStringAsync()).One("[data-test=error-summary-message]").Text(), StringComparison.Ordinal);
        var stored = await site.Service<ToolAdminRepository>().GetAsync(id);
        Assert.True(stored!.IsPublished);

        // Asked at the tool's current version, the answer is that it is on the site already; nothing changes.
        var editor = await site.CreateEditorAsync($"sched-{Guid.NewGuid():N}@example.com", AiCompare.Domain.EditorRole.Editor);
        Assert.Equal(SaveOutcome.AlreadyPublished, await site.Service<ToolAdminRepository>().ScheduleAsync(id, stored.Version, new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero), editor));
        Assert.Equal(stored.Version, (await site.Service<ToolAdminRepository>().GetAsync(id))!.Version);
    }

    [Fact]
    public async Task Publish_FromAPageOpenedBeforeSomeoneElsesSave_IsRefusedWithAMessage_AndTheToolStaysADraft()
    {
        var (client, id) = await AddDraftAsync("Stale Stork", "stale-stork");
        var opened = await client.GetDocumentAsync($"/admin/tools/edit/{id}");
        using (await client.SubmitAsync($"/admin/tools/edit/{id}", "form[data-test=tool-form]", new Dictionary<string, string?> { ["Form.Vendor"] = "Meanwhile" }))
        {
        }
        using var stale = await client.SubmitAsync(opened, $"/admin/tools/edit/{id}", "form[data-test=publish-form]");
        Assert.Equal($"/admin/tools/edit/{id}?done=not-published", stale.Headers.Location!.OriginalString);
        var page = await client.GetDocumentAsync(stale.Headers.Location.OriginalString);
        Assert.StartsWith("Not published: the tool was saved", page.One("[data-test=error-summary-message]").Text(), StringComparison.Ordinal);
        Assert.Equal("Draft: not on the site", page.One("[data-test=status]").Text());
        Assert.False((await site.Service<ToolAdminRepository>().GetAsync(id))!.IsPublished);
    }

    [Fact]
    public async Task NearDuplicate_WithTheSlugOfAToolWeHave_NamesItFirst_AndSuggestsAFreeSlug()
    {
        var client = await site.SignedInAsync(AdminSite.EditorEmail);
        var values = Tool("Mistral Medium-3", "");
        using var warned = await client.SubmitAsync("/admin/tools/edit", "form[data-test=tool-form]", values);
        Assert.Equal(HttpStatusCode.BadRequest, warned.StatusCode);
        var doc = Html.Parse(await warned.Content.ReadAsStringAsync());

        var first = doc.One("[data-test=near-match]");
        Assert.Equal("Mistral Medium 3 (mistral-medium-3)", first.Text());
        Assert.StartsWith("/admin/tools/edit/", first.QuerySelector("a")!.GetAttribute("href"), StringComparison.Ordinal);
        Assert.Contains("The address 'mistral-medium-3' is Mistral Medium 3's, so the slug is now 'mistral-medium-3-2'.", doc.One("[data-test=error-summary-message]").Text(), StringComparison.Ordinal);
        Assert.Empty(doc.QuerySelectorAll("#slug-error"));
        Assert.Equal("mistral-medium-3-2", doc.One("#slug").GetAttribute("value"));
        Assert.Equal("Mistral Medium-3", doc.One("#name").GetAttribute("value"));

        // Saving again (the editor checked) adds it as a draft at the suggested address; the original is untouched.
        using var saved = await client.SubmitAsync(doc, "/admin/tools/edit", "form[data-test=tool-form]");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var id = long.Parse(saved.Headers.Location!.OriginalString["/admin/tools/edit/".Length..].Split('?')[0], CultureInfo.InvariantCulture);
        Assert.Equal("mistral-medium-3-2", (await site.Service<ToolAdminRepository>().GetAsync(id))!.Slug);
        Assert.Equal("Mistral Medium 3", (await site.Client().GetDocumentAsync("/tools/mistral-medium-3")).One("h1").Text());
    }

    [Fact]
    public async Task FailedSave_ListsEveryErrorAtTheTop_LinkedToItsField_InFormOrder_WithoutAnEmptySlug()
    {
        var client = await site.SignedInAsync(AdminSite.EditorEmail);
        using var empty = await client.SubmitAsync("/admin/tools/edit", "form[data-test=tool-form]", new Dictionary<string, string?>
        {
            ["Form.Description"] = "Kept as typed.",
            ["Form.InputPerMTok"] = "lots",
        });
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        var doc = Html.Parse(await empty.Content.ReadAsStringAsync());
        var summary = doc.One("[data-test=error-summary]");
        Assert.True(summary.HasAttribute("autofocus"));
        Assert.Equal("-1", summary.GetAttribute("tabindex"));
        Assert.Equal("alert", summary.GetAttribute("role"));
        var links = summary.QuerySelectorAll("a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(["#name", "#tagline", "#category", "#entry", "#pricing-summary", "#input-price"], links);
        foreach (var link in links) Assert.NotNull(doc.QuerySelector(link + "-error"));
        Assert.Empty(doc.QuerySelectorAll("#slug-error"));
        Assert.DoesNotContain("''", doc.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Kept as typed.", doc.One("#description").TextContent.Trim());
        Assert.Equal("lots", doc.One("#input-price").GetAttribute("value"));
    }

    [Fact]
    public async Task ScheduledPublisher_RunningInTheSite_PublishesADueDraftByItself()
    {
        using var own = AdminSite.On(SiteFactory.WithSettings(new Dictionary<string, string> { ["Admin:PublisherIntervalSeconds"] = "1" }));
        var client = await own.SignedInAsync(AdminSite.EditorEmail);
        using var created = await client.SubmitAsync("/admin/tools/edit", "form[data-test=tool-form]", Tool("Prompt Petrel", "prompt-petrel"));
        var id = long.Parse(created.Headers.Location!.OriginalString["/admin/tools/edit/".Length..].Split('?')[0], CultureInfo.InvariantCulture);
        var tools = own.Service<ToolAdminRepository>();
        var editor = await own.CreateEditorAsync("scheduler-test@example.com", AiCompare.Domain.EditorRole.Editor);
        Assert.Equal(SaveOutcome.Saved, await tools.ScheduleAsync(id, (await tools.GetAsync(id))!.Version, DateTimeOffset.UtcNow.AddSeconds(1), editor));
        Assert.Equal(HttpStatusCode.NotFound, (await own.Client().GetAsync("/tools/prompt-petrel")).StatusCode);

        var deadline = DateTime.UtcNow.AddSeconds(15);
        var status = HttpStatusCode.NotFound;
        while (status != HttpStatusCode.OK && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
            status = (await own.Client().GetAsync("/tools/prompt-petrel")).StatusCode;
        }
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Null((await tools.GetAsync(id))!.PublishAt);
    }
}
