using System.Net;
using AiCompare.Tests.Support;

namespace AiCompare.Tests.Web.Pages.Admin;

/// <summary>Editors add and change the catalog through the real forms; the public pages follow.</summary>
public sealed class EditingTests(AdminSite site) : IClassFixture<AdminSite>
{
    private static Dictionary<string, string?> Tool(string name, string? slug = null, string category = "Developer Tools") => new()
    {
        ["Form.Name"] = name,
        ["Form.Slug"] = slug,
        ["Form.Tagline"] = name + " does one thing well",
        ["Form.Category"] = category,
        ["Form.Vendor"] = "Acme",
        ["Form.Website"] = "https://example.com/" + (slug ?? "x"),
        ["Form.Reviewed"] = "2026-06-01",
        ["Form.Entry"] = "paid",
        ["Form.PricingSummary"] = "$1/M input, $3/M output",
        ["Form.InputPerMTok"] = "1",
        ["Form.OutputPerMTok"] = "3.00",
        ["Form.Description"] = "A **test** tool.",
    };

    /// <summary>Adds a tool through the form (a draft) and, unless <paramref name="publish"/> is false, publishes it.</summary>
    private async Task<(HttpClient Client, long Id)> CreateToolAsync(string name, string slug, string category = "Developer Tools", bool publish = true)
    {
        var client = await site.SignedInAsync(AdminSite.EditorEmail);
        using var response = await client.SubmitAsync("/admin/tools/edit", "form[data-test=tool-form]", Tool(name, slug, category));
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        var location = response.Headers.Location!.OriginalString;
        Assert.StartsWith("/admin/tools/edit/", location, StringComparison.Ordinal);
        var id = long.Parse(location["/admin/tools/edit/".Length..].Split('?')[0], System.Globalization.CultureInfo.InvariantCulture);
        if (publish) await PublishAsync(client, id);
        return (client, id);
    }

    private static async Task PublishAsync(HttpClient client, long id)
    {
        using var published = await client.SubmitAsync($"/admin/tools/edit/{id}", "form[data-test=publish-form]");
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        Assert.EndsWith("?done=published", published.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    private static async Task SaveReviewsAsync(HttpClient client, long id, params (string Critic, string Score, string Verdict, string Quote)[] reviews)
    {
        var doc = await client.GetDocumentAsync($"/admin/tools/reviews/{id}");
        var values = new Dictionary<string, string?>();
        var rows = doc.QuerySelectorAll("[data-test=review-row]").ToList();
        for (var i = 0; i < rows.Count; i++)
        {
            var critic = rows[i].GetAttribute("data-critic");
            var r = reviews.SingleOrDefault(x => x.Critic == critic);
            values[$"Rows[{i}].Score"] = r.Score ?? "";
            values[$"Rows[{i}].Verdict"] = r.Verdict ?? "";
            values[$"Rows[{i}].Quote"] = r.Quote ?? "";
        }
        using var response = await client.SubmitAsync(doc, $"/admin/tools/reviews/{id}", "form[data-test=reviews-form]", values);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task CreateToolWithFourReviews_ComparisonPageShowsItsVerdict()
    {
        var (client, id) = await CreateToolAsync("Quokka Coder", "quokka-coder");
        await SaveReviewsAsync(client, id,
            ("builder", "90", "ship", "Clean primitive."),
            ("skeptic", "40", "skip", "Crowded market."),
            ("futurist", "80", "ship", "Early to a real shift."),
            ("founder", "70", "ship", "Clear buyer."));

        var doc = await site.Client().GetDocumentAsync("/compare/quokka-coder-vs-smolvlm2");

        var hero = doc.QuerySelectorAll("[data-test=hero]")[0];
        Assert.Equal("Quokka Coder", hero.One("[data-test=name]").Text());
        Assert.Equal("75%", hero.One("[data-test=panel-ship]").Text());
        Assert.Equal("Paid", hero.One("[data-test=entry]").Text());
        var verdictRow = doc.QuerySelectorAll("[data-test=decision] tbody tr").Single(tr => tr.One("th").Text() == "Panel verdict");
        Assert.Equal("Ship · 3 ship / 1 skip", verdictRow.QuerySelectorAll("td")[0].Text());
        var costRow = doc.QuerySelectorAll("[data-test=decision] tbody tr").Single(tr => tr.One("th").Text() == "10M in + 2M out tokens / month");
        Assert.Equal("$16.00", costRow.QuerySelectorAll("td")[0].Text());

        var tool = await site.Client().GetDocumentAsync("/tools/quokka-coder");
        Assert.Contains(tool.QuerySelectorAll("[data-test=verdict-history] li"), li => li.Text().EndsWith("Ship · 3 ship / 1 skip", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RenameSlug_OldToolAndComparisonUrlsAnswer301()
    {
        var (client, id) = await CreateToolAsync("Rename Me", "rename-me");
        var edit = await client.GetDocumentAsync($"/admin/tools/edit/{id}");

        using var response = await client.SubmitAsync(edit, $"/admin/tools/edit/{id}", "form[data-test=tool-form]", new Dictionary<string, string?> { ["Form.Slug"] = "renamed-tool" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var anon = site.Client();
        using var old = await anon.GetAsync("/tools/rename-me");
        Assert.Equal(HttpStatusCode.MovedPermanently, old.StatusCode);
        Assert.Equal("/tools/renamed-tool", old.Headers.Location?.OriginalString);
        using var oldPair = await anon.GetAsync("/compare/rename-me-vs-smolvlm2");
        Assert.Equal(HttpStatusCode.MovedPermanently, oldPair.StatusCode);
        Assert.Equal("/compare/renamed-tool-vs-smolvlm2", oldPair.Headers.Location?.OriginalString);
        using var oldPairOtherOrder = await anon.GetAsync("/compare/mistral-code-vs-rename-me");
        Assert.Equal("/compare/mistral-code-vs-renamed-tool", oldPairOtherOrder.Headers.Location?.OriginalString);
        using var oldPairReaderOrder = await anon.GetAsync("/compare/smolvlm2-vs-rename-me");
        Assert.Equal("/compare/smolvlm2-vs-renamed-tool", oldPairReaderOrder.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await anon.GetAsync("/tools/renamed-tool")).StatusCode);

        // The old slug stays reserved for its redirect: a new tool cannot take it.
        using var clash = await client.SubmitAsync("/admin/tools/edit", "form[data-test=tool-form]", Tool("Another", "rename-me"));
        Assert.Equal(HttpStatusCode.BadRequest, clash.StatusCode);
        var clashDoc = Html.Parse(await clash.Content.ReadAsStringAsync());
        Assert.Equal("Slug: 'rename-me' is already the address of Rename Me (its old address, which still leads to it). Choose another, for example 'rename-me-2'.", clashDoc.One("#slug-error").Text());
        Assert.Equal($"/admin/tools/edit/{id}", clashDoc.One("[data-test=slug-holder] a").GetAttribute("href"));
        Assert.Equal("#slug", clashDoc.One("[data-test=error-summary] a").GetAttribute("href"));
    }

    [Fact]
    public async Task RenamedTwice_EveryOldSlug_Answers301_ForToolPagePairApiBadgeAndEmbed()
    {
        var (client, id) = await CreateToolAsync("Moving Tool", "moving-tool");
        foreach (var slug in new[] { "moved-once", "moved-twice" })
        {
            var edit = await client.GetDocumentAsync($"/admin/tools/edit/{id}");
            using var saved = await client.SubmitAsync(edit, $"/admin/tools/edit/{id}", "form[data-test=tool-form]", new Dictionary<string, string?> { ["Form.Slug"] = slug });
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        var anon = site.Client();
        foreach (var old in new[] { "moving-tool", "moved-once" })
        {
            foreach (var (from, to) in new[]
            {
                ($"/tools/{old}", "/tools/moved-twice"),
                ($"/compare/{old}-vs-smolvlm2", "/compare/moved-twice-vs-smolvlm2"),
                ($"/api/v1/tools/{old}", "/api/v1/tools/moved-twice"),
                ($"/badge/{old}.svg", "/badge/moved-twice.svg"),
                ($"/embed/{old}", "/embed/moved-twice"),
            })
            {
                using var response = await anon.GetAsync(from);
                Assert.True(response.StatusCode == HttpStatusCode.MovedPermanently, $"{from} answered {(int)response.StatusCode}");
                Assert.Equal(to, response.Headers.Location?.OriginalString);
                using var followed = await anon.GetAsync(to);
                Assert.Equal(HttpStatusCode.OK, followed.StatusCode);
            }
        }
        // A slug no tool ever had is still a 404, for the badge and the card too.
        Assert.Equal(HttpStatusCode.NotFound, (await anon.GetAsync("/badge/never-was.svg")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anon.GetAsync("/embed/never-was")).StatusCode);
    }

    [Fact]
    public async Task DateFields_AreTypedAsYyyyMmDd_NeverTheBrowsersLocaleFormat()
    {
        var (client, id) = await CreateToolAsync("Dated Tool", "dated-tool");
        foreach (var page in new[] { $"/admin/tools/edit/{id}", $"/admin/tools/reviews/{id}", "/admin/tools/edit" })
        {
            var doc = await client.GetDocumentAsync(page);
            // A browser's date input shows the reader's locale (mm/dd/yyyy), whatever the hint says.
            Assert.Empty(doc.QuerySelectorAll("input[type=date]"));
            var dates = doc.QuerySelectorAll("input[data-date]");
            Assert.NotEmpty(dates);
            Assert.All(dates, input =>
            {
                Assert.Equal("text", input.GetAttribute("type"));
                Assert.Equal("YYYY-MM-DD", input.GetAttribute("placeholder"));
                var hint = doc.GetElementById(input.GetAttribute("aria-describedby")!.Split(' ').Last())!;
                Assert.Contains("YYYY-MM-DD", hint.Text(), StringComparison.Ordinal);
                Assert.Matches(@"^(\d{4}-\d{2}-\d{2})?$", input.GetAttribute("value") ?? "");
            });
        }
        var edit = await client.GetDocumentAsync($"/admin/tools/edit/{id}");
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", edit.One("#reviewed").GetAttribute("value")!);
    }

    [Fact]
    public async Task EmptyingAStoredReview_AsksFirst_ThenRemovesItOnConfirm()
    {
        var (client, id) = await CreateToolAsync("Reviewed Tool", "reviewed-tool");
        await SaveReviewsAsync(client, id, ("builder", "90", "ship", "Clean primitive."), ("skeptic", "40", "skip", "Crowded market."));
        var doc = await client.GetDocumentAsync($"/admin/tools/reviews/{id}");
        var rows = doc.QuerySelectorAll("[data-test=review-row]").ToList();
        var skeptic = rows.FindIndex(r => r.GetAttribute("data-critic") == "skeptic");
        var emptied = new Dictionary<string, string?>
        {
            [$"Rows[{skeptic}].Score"] = "", [$"Rows[{skeptic}].Verdict"] = "", [$"Rows[{skeptic}].Quote"] = "", [$"Rows[{skeptic}].Reviewed"] = "",
        };

        using var asked = await client.SubmitAsync(doc, $"/admin/tools/reviews/{id}", "form[data-test=reviews-form]", emptied);
        var question = Html.Parse(await asked.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, asked.StatusCode);
        Assert.Contains("Saving removes the review by The Skeptic", question.One("[data-test=confirm-remove]").Text(), StringComparison.Ordinal);
        Assert.Equal("Remove and save", question.One("[data-test=save-reviews]").Text());
        Assert.Equal(2, (await site.Service<AiCompare.Data.ToolAdminRepository>().GetAsync(id))!.Reviews.Count);

        // A row emptied on the question's page too is not covered by its confirmation: asked again, nothing saved.
        var builder = rows.FindIndex(r => r.GetAttribute("data-critic") == "builder");
        using var another = await client.SubmitAsync(question, $"/admin/tools/reviews/{id}", "form[data-test=reviews-form]", new Dictionary<string, string?>
        {
            [$"Rows[{builder}].Score"] = "", [$"Rows[{builder}].Verdict"] = "", [$"Rows[{builder}].Quote"] = "", [$"Rows[{builder}].Reviewed"] = "",
        });
        Assert.Equal(HttpStatusCode.BadRequest, another.StatusCode);
        Assert.Contains("The Builder and The Skeptic", Html.Parse(await another.Content.ReadAsStringAsync()).One("[data-test=confirm-remove]").Text(), StringComparison.Ordinal);
        Assert.Equal(2, (await site.Service<AiCompare.Data.ToolAdminRepository>().GetAsync(id))!.Reviews.Count);

        using var removed = await client.SubmitAsync(question, $"/admin/tools/reviews/{id}", "form[data-test=reviews-form]");
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        var stored = (await site.Service<AiCompare.Data.ToolAdminRepository>().GetAsync(id))!.Reviews;
        Assert.Equal("builder", Assert.Single(stored).Critic);
    }

    [Fact]
    public async Task BadInput_ErrorsBesideEachFieldInputKeptNothingSaved()
    {
        var client = await site.SignedInAsync(AdminSite.EditorEmail);
        var values = Tool("Broken Tool", "broken-tool");
        values["Form.Tagline"] = "";
        values["Form.Website"] = "javascript:alert(1)";
        values["Form.Reviewed"] = "2026-02-30";
        values["Form.Entry"] = "cheap";
        values["Form.InputPerMTok"] = "lots";
        values["Form.Slug"] = "Bad Slug";

        using var response = await client.SubmitAsync("/admin/tools/edit", "form[data-test=tool-form]", values);
        var doc = Html.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Tagline is required.", doc.One("#tagline-error").Text());
        Assert.Equal("Website must be an absolute http or https URL.", doc.One("#website-error").Text());
        Assert.StartsWith("Reviewed '2026-02-30' is not a date", doc.One("#reviewed-error").Text(), StringComparison.Ordinal);
        Assert.StartsWith("Entry 'cheap' is not one of", doc.One("#entry-error").Text(), StringComparison.Ordinal);
        Assert.StartsWith("Input price per 1M tokens 'lots'", doc.One("#input-price-error").Text(), StringComparison.Ordinal);
        Assert.StartsWith("Slug 'Bad Slug' must be", doc.One("#slug-error").Text(), StringComparison.Ordinal);
        foreach (var field in new[] { "tagline", "website", "reviewed", "entry", "input-price", "slug" })
        {
            Assert.Contains(field + "-error", doc.One("#" + field).GetAttribute("aria-describedby"), StringComparison.Ordinal);
            Assert.Equal("true", doc.One("#" + field).GetAttribute("aria-invalid"));
        }
        Assert.Equal("Broken Tool", doc.One("#name").GetAttribute("value"));
        Assert.Equal("javascript:alert(1)", doc.One("#website").GetAttribute("value"));
        Assert.DoesNotContain(await site.Service<AiCompare.Data.ToolAdminRepository>().AllNamesAsync(), t => t.Name == "Broken Tool");
    }

    [Fact]
    public async Task Form_EveryInputHasAVisibleLabelNamedAsTheContentFormat()
    {
        var client = await site.SignedInAsync(AdminSite.EditorEmail);
        var doc = await client.GetDocumentAsync("/admin/tools/edit");

        var labels = doc.QuerySelectorAll("form[data-test=tool-form] label").Select(l => l.Text()).ToList();

        Assert.Equal(
            ["Name", "Slug", "Tagline", "Category", "Vendor", "Website", "Reviewed", "Best for", "Entry", "Pricing summary", "Input price per 1M tokens", "Output price per 1M tokens", "Description"],
            labels);
        foreach (var control in doc.QuerySelectorAll("form[data-test=tool-form] input:not([type=hidden]), form[data-test=tool-form] select, form[data-test=tool-form] textarea"))
        {
            Assert.NotNull(doc.QuerySelector($"label[for='{control.Id}']"));
        }
    }

    [Fact]
    public async Task ConcurrentEdit_SecondSaveIsRefusedAndFirstIsKept()
    {
        var (first, id) = await CreateToolAsync("Contended", "contended");
        var second = await site.SignedInAsync();
        var firstForm = await first.GetDocumentAsync($"/admin/tools/edit/{id}");
        var secondForm = await second.GetDocumentAsync($"/admin/tools/edit/{id}");

        using var ok = await first.SubmitAsync(firstForm, $"/admin/tools/edit/{id}", "form[data-test=tool-form]", new Dictionary<string, string?> { ["Form.Tagline"] = "First editor's words" });
        using var refused = await second.SubmitAsync(secondForm, $"/admin/tools/edit/{id}", "form[data-test=tool-form]", new Dictionary<string, string?> { ["Form.Tagline"] = "Second editor's words" });

        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var doc = Html.Parse(await refused.Content.ReadAsStringAsync());
        Assert.Contains("Editor saved this tool at ", doc.One("[data-test=error-summary-message]").Text(), StringComparison.Ordinal);
        Assert.Contains("One field was changed on both sides (below)", doc.One("[data-test=error-summary-message]").Text(), StringComparison.Ordinal);
        Assert.Equal("Second editor's words", doc.One("#tagline").GetAttribute("value"));
        var stored = await site.Service<AiCompare.Data.ToolAdminRepository>().GetAsync(id);
        Assert.Equal("First editor's words", stored!.Tagline);

        // Field by field: the tagline is the only difference, shown stored against typed, with who saved it.
        Assert.Equal("Saved meanwhile by editor", doc.One("#conflict-heading").Text());
        var row = doc.One("[data-test=conflict-fields] tbody tr");
        Assert.Single(doc.QuerySelectorAll("[data-test=conflict-fields] tbody tr"));
        Assert.Equal("Tagline", row.GetAttribute("data-field"));
        Assert.Equal("First editor's words", row.One("[data-test=stored]").Text());
        Assert.Equal("Second editor's words", row.One("[data-test=yours]").Text());
        Assert.Equal("/tools/contended", doc.One("[data-test=stored-version]").GetAttribute("href"));
        Assert.Equal("Save with these choices", doc.One("[data-test=save]").Text());

        // Take the stored tagline, keep a change made meanwhile to the vendor: the save goes through against the new version.
        using var resolved = await second.SubmitAsync(doc, $"/admin/tools/edit/{id}", "form[data-test=tool-form]", new Dictionary<string, string?>
        {
            ["Choice[Tagline]"] = "stored",
            ["Form.Vendor"] = "Second's vendor",
        });
        Assert.Equal(HttpStatusCode.Redirect, resolved.StatusCode);
        var merged = await site.Service<AiCompare.Data.ToolAdminRepository>().GetAsync(id);
        Assert.Equal("First editor's words", merged!.Tagline);
        Assert.Equal("Second's vendor", merged.Vendor);
    }

    [Fact]
    public async Task ConflictWithYourselfInAnotherTab_SaysSo_AndKeepingYoursSavesAgainstTheNewVersion()
    {
        var (client, id) = await CreateToolAsync("Two Tabs", "two-tabs");
        var tabOne = await client.GetDocumentAsync($"/admin/tools/edit/{id}");
        var tabTwo = await client.GetDocumentAsync($"/admin/tools/edit/{id}");
        using (var first = await client.SubmitAsync(tabOne, $"/admin/tools/edit/{id}", "form[data-test=tool-form]", new Dictionary<string, string?> { ["Form.Description"] = "Tab one's text.", ["Form.Vendor"] = "Tab one" }))
            Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);

        using var refused = await client.SubmitAsync(tabTwo, $"/admin/tools/edit/{id}", "form[data-test=tool-form]", new Dictionary<string, string?> { ["Form.Description"] = "Tab two's text." });
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var doc = Html.Parse(await refused.Content.ReadAsStringAsync());
        Assert.StartsWith("You saved this tool in another tab or window at ", doc.One("[data-test=error-summary-message]").Text(), StringComparison.Ordinal);
        Assert.Equal("Saved meanwhile by you, in another tab", doc.One("#conflict-heading").Text());
        // Only the description was changed on both sides; the vendor, changed in tab one alone, is taken into the form.
        Assert.Equal(["Description"], doc.QuerySelectorAll("[data-test=conflict-fields] tbody tr").Select(r => r.GetAttribute("data-field")).ToList());
        Assert.Equal("Their changes now in the form: Vendor.", doc.One("[data-test=taken]").Text());
        Assert.Equal("Tab one", doc.One("#vendor").GetAttribute("value"));
        Assert.Equal("Tab two's text.", doc.One("#description").TextContent.Trim());

        // Yet another save while deciding (the "best for" field): asked again, with nothing left that clashes.
        using (var third = await client.SubmitAsync($"/admin/tools/edit/{id}", "form[data-test=tool-form]", new Dictionary<string, string?> { ["Form.BestFor"] = "Tab three" }))
            Assert.Equal(HttpStatusCode.Redirect, third.StatusCode);
        using var again = await client.SubmitAsync(doc, $"/admin/tools/edit/{id}", "form[data-test=tool-form]");
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var againDoc = Html.Parse(await again.Content.ReadAsStringAsync());
        Assert.Empty(againDoc.QuerySelectorAll("[data-test=conflict-fields]"));
        Assert.Contains("Their changes to Best for are now in the form. None of your changes clashes with theirs", againDoc.One("[data-test=error-summary-message]").Text(), StringComparison.Ordinal);
        Assert.Equal("Tab two's text.", againDoc.One("#description").TextContent.Trim());

        using var saved = await client.SubmitAsync(againDoc, $"/admin/tools/edit/{id}", "form[data-test=tool-form]");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var stored = await site.Service<AiCompare.Data.ToolAdminRepository>().GetAsync(id);
        Assert.Equal("Tab two's text.", stored!.Description);
        Assert.Equal("Tab three", stored.BestFor);
        Assert.Equal("Tab one", stored.Vendor);
    }

    [Fact]
    public async Task Unpublish_PagesAnswer404ThenRepublishBringsThemBack()
    {
        var (client, id) = await CreateToolAsync("Hide Me", "hide-me");
        var anon = site.Client();
        Assert.Equal(HttpStatusCode.OK, (await anon.GetAsync("/tools/hide-me")).StatusCode);

        // The edit page links to a page that says what unpublishing does and asks to confirm it.
        var edit = await client.GetDocumentAsync($"/admin/tools/edit/{id}");
        Assert.Equal("Published", edit.One("[data-test=status]").Text());
        Assert.Equal($"/admin/tools/unpublish/{id}", edit.One("[data-test=unpublish-link]").GetAttribute("href"));
        var ask = await client.GetDocumentAsync($"/admin/tools/unpublish/{id}");
        Assert.Equal("Take Hide Me off the site?", ask.One("h1").Text());
        Assert.Contains("Nothing is deleted", ask.Body!.TextContent, StringComparison.Ordinal);
        using var hide = await client.SubmitAsync(ask, $"/admin/tools/unpublish/{id}", "form[data-test=unpublish-form]", buttonSelector: "[data-test=confirm]");
        Assert.Equal(HttpStatusCode.Redirect, hide.StatusCode);
        Assert.Equal($"/admin/tools/edit/{id}?saved=true", hide.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.NotFound, (await anon.GetAsync("/tools/hide-me")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anon.GetAsync("/compare/hide-me-vs-smolvlm2")).StatusCode);
        Assert.NotNull(await site.Service<AiCompare.Data.ToolAdminRepository>().GetAsync(id));

        var hidden = await client.GetDocumentAsync($"/admin/tools/edit/{id}");
        Assert.Equal("Draft: not on the site", hidden.One("[data-test=status]").Text());
        using var show = await client.SubmitAsync(hidden, $"/admin/tools/edit/{id}", "form[action*='Publish']");
        Assert.Equal(HttpStatusCode.Redirect, show.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anon.GetAsync("/tools/hide-me")).StatusCode);
    }

    [Fact]
    public async Task Unpublish_WithoutTheConfirmButton_ChangesNothing()
    {
        var (client, id) = await CreateToolAsync("Keep Me", "keep-me");
        var ask = await client.GetDocumentAsync($"/admin/tools/unpublish/{id}");

        // The form without its button's confirm=unpublish: asked again, nothing changed.
        using var unconfirmed = await client.SubmitAsync(ask, $"/admin/tools/unpublish/{id}", "form[data-test=unpublish-form]");
        Assert.Equal(HttpStatusCode.BadRequest, unconfirmed.StatusCode);
        Assert.Contains("Nothing was changed", Html.Parse(await unconfirmed.Content.ReadAsStringAsync()).One("[data-test=unconfirmed]").Text(), StringComparison.Ordinal);
        // The old one-click form's post: sent to the question, nothing changed.
        var edit = await client.GetDocumentAsync($"/admin/tools/edit/{id}");
        using var oneClick = await client.PostAsync($"/admin/tools/edit/{id}?handler=Publish", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["version"] = "1", ["publish"] = "false", ["__RequestVerificationToken"] = edit.One("input[name=__RequestVerificationToken]").GetAttribute("value")!,
        }));
        Assert.Equal($"/admin/tools/unpublish/{id}", oneClick.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await site.Client().GetAsync("/tools/keep-me")).StatusCode);
        Assert.True((await site.Service<AiCompare.Data.ToolAdminRepository>().GetAsync(id))!.IsPublished);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/admin/tools/unpublish/999999")).StatusCode);
    }

    [Fact]
    public async Task NearDuplicateName_WarnsWithMatchesThenSavesWhenConfirmed()
    {
        var client = await site.SignedInAsync(AdminSite.EditorEmail);

        using var warned = await client.SubmitAsync("/admin/tools/edit", "form[data-test=tool-form]", Tool("SmolVLM2 2B", "smol-vlm2-2b"));
        var doc = Html.Parse(await warned.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, warned.StatusCode);
        var matches = doc.QuerySelectorAll("[data-test=near-match]").Select(m => m.Text()).ToList();
        Assert.Contains("SmolVLM2-2B (smolvlm2-2b)", matches);
        Assert.Contains("SmolVLM2 (smolvlm2)", matches);
        Assert.All(doc.QuerySelectorAll("[data-test=near-match] a"), a => Assert.StartsWith("/admin/tools/edit/", a.GetAttribute("href"), StringComparison.Ordinal));
        using var saved = await client.SubmitAsync(doc, "/admin/tools/edit", "form[data-test=tool-form]");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
    }

    [Fact]
    public async Task Preview_RendersMarkdownWithRawHtmlAsText()
    {
        var client = await site.SignedInAsync(AdminSite.EditorEmail);
        var values = Tool("Previewed", "previewed");
        values["Form.Description"] = "**bold** <script>alert(1)</script>";

        using var response = await client.SubmitAsync(await client.GetDocumentAsync("/admin/tools/edit"), "/admin/tools/edit", "form[data-test=tool-form]", values, "button[formaction*='Preview']");
        var doc = Html.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("bold", doc.One("[data-test=preview] strong").Text());
        doc.AssertNoInjectedScript();
        Assert.Contains("<script>", doc.One("[data-test=preview]").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(await site.Service<AiCompare.Data.ToolAdminRepository>().AllNamesAsync(), t => t.Name == "Previewed");
    }

    [Fact]
    public async Task Reviews_PartlyFilledRow_ErrorsBesideItsFieldsAndNothingSaved()
    {
        var (client, id) = await CreateToolAsync("Half Reviewed", "half-reviewed");
        var doc = await client.GetDocumentAsync($"/admin/tools/reviews/{id}");

        using var response = await client.SubmitAsync(doc, $"/admin/tools/reviews/{id}", "form[data-test=reviews-form]", new Dictionary<string, string?>
        {
            ["Rows[0].Score"] = "150",
            ["Rows[0].Verdict"] = "ship",
            ["Rows[0].Quote"] = "",
        });
        var page = Html.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Score 150 is out of range (0 to 100).", page.One("#builder-score-error").Text());
        Assert.Equal("Quote is required.", page.One("#builder-quote-error").Text());
        Assert.Equal("150", page.One("#builder-score").GetAttribute("value"));
        Assert.Empty((await site.Service<AiCompare.Data.ToolAdminRepository>().GetAsync(id))!.Reviews);
    }

    [Fact]
    public async Task ScriptTypedIntoEveryField_IsEncodedOnEveryPublicPage()
    {
        const string evil = "<script>alert('x')</script>";
        var client = await site.SignedInAsync(AdminSite.EditorEmail);
        var values = new Dictionary<string, string?>
        {
            ["Form.Name"] = "Evil " + evil,
            ["Form.Slug"] = "evil-tool",
            ["Form.Tagline"] = "Tag " + evil,
            ["Form.Category"] = "Cat " + evil,
            ["Form.Vendor"] = "Vendor " + evil,
            ["Form.Website"] = "https://example.com/?q=\"><script>alert(1)</script>",
            ["Form.BestFor"] = "Best " + evil,
            ["Form.Entry"] = "free",
            ["Form.PricingSummary"] = "Price " + evil,
            ["Form.Description"] = "Desc " + evil,
            ["Form.ConfirmDuplicate"] = "true",
        };
        using var created = await client.SubmitAsync("/admin/tools/edit", "form[data-test=tool-form]", values);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var id = long.Parse(created.Headers.Location!.OriginalString["/admin/tools/edit/".Length..].Split('?')[0], System.Globalization.CultureInfo.InvariantCulture);
        await SaveReviewsAsync(client, id, ("builder", "50", "ship", "Quote " + evil));
        await PublishAsync(client, id);

        var anon = site.Client();
        // The picker shows a tool's name among the closest matches to what was typed (a 400: the form's answer).
        foreach (var (url, status) in new[] { ("/", 200), ("/tools/evil-tool", 200), ("/compare/evil-tool-vs-smolvlm2", 200), ("/compare?a=evil&b=smolvlm2", 400) })
        {
            var doc = await anon.GetDocumentAsync(url, status);
            doc.AssertNoInjectedScript();
            Assert.Contains(evil, doc.Body!.TextContent, StringComparison.Ordinal);
        }
        foreach (var url in new[] { "/admin/tools", $"/admin/tools/edit/{id}", $"/admin/tools/reviews/{id}", "/admin/audit" })
        {
            var doc = await client.GetDocumentAsync(url);
            doc.AssertNoInjectedScript();
        }
    }

    [Fact]
    public async Task AuditLog_RecordsWhoChangedWhatNewestFirst()
    {
        var (client, id) = await CreateToolAsync("Audited", "audited");
        await SaveReviewsAsync(client, id, ("builder", "77", "ship", "Fine."));

        var doc = await client.GetDocumentAsync("/admin/audit");
        var rows = doc.QuerySelectorAll("[data-test=audit-row]").Select(r => r.QuerySelectorAll("td").Select(td => td.Text()).ToArray()).ToList();

        var review = rows.FindIndex(r => r[2] == "review.create" && r[3] == "tool audited");
        var create = rows.FindIndex(r => r[2] == "tool.create" && r[3] == "tool audited");
        Assert.True(review >= 0 && create > review, "newest first");
        Assert.Equal("editor", rows[review][1]);
        Assert.Equal("builder: 77 ship", rows[review][4]);
    }

    [Fact]
    public async Task Critics_AddACritic_ShowsUpAsAScorecardRow()
    {
        var client = await site.SignedInAsync(AdminSite.EditorEmail);

        using var response = await client.SubmitAsync("/admin/critics/edit", "form[data-test=critic-form]", new Dictionary<string, string?>
        {
            ["Form.Slug"] = "",
            ["Form.Name"] = "The Lawyer",
            ["Form.Label"] = "Lawyer",
            ["Form.Order"] = "5",
            ["Form.ExcitedAbout"] = "clear licences\n\npermissive terms",
            ["Form.Bio"] = "Reads the terms.",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/admin/critics/edit/the-lawyer?saved=true", response.Headers.Location?.OriginalString);
        var doc = await site.Client().GetDocumentAsync("/compare/mercury-edit-2-vs-mistral-code");
        var lastRow = doc.QuerySelectorAll("[data-test=scorecard] tbody tr").Last();
        Assert.Equal("Lawyer", lastRow.One("th").Text());
        Assert.All(lastRow.QuerySelectorAll("td"), td => Assert.Equal("Not reviewed", td.Text()));
    }

    [Fact]
    public async Task Critics_MissingLabelAndBadOrder_ErrorsBesideFields()
    {
        var client = await site.SignedInAsync(AdminSite.EditorEmail);

        using var response = await client.SubmitAsync("/admin/critics/edit/builder", "form[data-test=critic-form]", new Dictionary<string, string?>
        {
            ["Form.Label"] = "",
            ["Form.Order"] = "first",
        });
        var doc = Html.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Label is required.", doc.One("#label-error").Text());
        Assert.Equal("Panel order 'first' is not a whole number.", doc.One("#order-error").Text());
    }

    [Fact]
    public async Task Export_DownloadsAZipThatImportsIntoAFreshCatalog()
    {
        var (client, id) = await CreateToolAsync("Exported Tool", "exported-tool", category: "Export Category");
        await SaveReviewsAsync(client, id, ("skeptic", "33", "skip", "Prove it."));

        using var response = await client.GetAsync("/admin/export");
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("aicompare-content-", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'), StringComparison.Ordinal);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        using var temp = new TempDirectory();
        System.IO.Compression.ZipFile.ExtractToDirectory(new MemoryStream(bytes), temp.Combine("content"));
        var db = new AiCompare.Data.Db(temp.ConnectionString);
        new AiCompare.Data.Migrator(db).Migrate();
        var result = new AiCompare.Data.ContentImporter(db, new AiCompare.Data.Markdown()).Import(temp.Combine("content"));
        Assert.True(result.Succeeded, string.Join('\n', result.Problems));
        Assert.Contains("tool exported-tool", result.Created);
        var text = File.ReadAllText(temp.Combine("content", "tools", "exported-tool.md"));
        Assert.Contains("category: \"Export Category\"", text, StringComparison.Ordinal);
        Assert.Contains("  - critic: skeptic\n    score: 33\n    verdict: skip", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ToolList_SearchesAndSorts()
    {
        var client = await site.SignedInAsync(AdminSite.EditorEmail);

        var mistral = await client.GetDocumentAsync("/admin/tools?q=MISTRAL&sort=name");
        var names = mistral.QuerySelectorAll("[data-test=admin-tools] tbody th a").Select(a => a.Text()).ToList();
        var byVendor = await client.GetDocumentAsync("/admin/tools?q=hugging");
        var wildcard = await client.GetDocumentAsync("/admin/tools?q=%25");
        var junkSort = await client.GetDocumentAsync("/admin/tools?sort=Name;DROP TABLE Tool");

        Assert.Equal(["Mistral 4B Edge", "Mistral Code", "Mistral Medium 3"], names);
        Assert.Equal(2, byVendor.QuerySelectorAll("[data-test=admin-tools] tbody tr").Length);
        Assert.Equal("No tools match.", wildcard.One("main p.muted").Text());
        Assert.True(junkSort.QuerySelectorAll("[data-test=admin-tools] tbody tr").Length >= 6);
    }
}
