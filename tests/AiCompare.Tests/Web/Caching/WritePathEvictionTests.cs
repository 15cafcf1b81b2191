using AiCompare.Data;
using AiCompare.Domain;
using AiCompare.Tests.Data;
using AiCompare.Tests.Support;
using AiCompare.Web.Pages.Newsletter;
using AiCompare.Web.Pages.Votes;
using Dapper;

namespace AiCompare.Tests.Web.Caching;

/// <summary>
/// Every write path (<see cref="WritePathTests.Known"/>), run in-process the way the site runs it, evicts
/// exactly the cached pages that show what it changed and leaves every other page cached.
/// </summary>
public sealed class WritePathEvictionTests : IDisposable
{
    private const string Other = "pixel-painter";

    /// <summary>Pages cached before each write, one or more for every kind of tag.</summary>
    internal static readonly string[] Pages =
    [
        "/",                                             // lists
        "/tools/smolvlm2-2b",                            // tool, its category, critics
        "/tools/" + Other,                               // another category's tool
        "/compare/mistral-medium-3-vs-smolvlm2-2b",      // both tools, their category, critics
        "/compare/mercury-edit-2-vs-mistral-code",       // two other tools of the same category
        "/categories/developer-tools",                   // category, ranking, lists
        "/categories/image-tools",                       // the other category
        "/critics",                                      // critics, lists
        "/newsletter/archive",                           // newsletter
        "/api/v1/tools/smolvlm2-2b",                     // tool, lists, critics
        "/badge/smolvlm2-2b.svg",                        // the tool alone
        "/feed.xml",                                     // lists
        "/robots.txt",                                   // nothing a write changes
    ];

    internal static readonly string[] OnlyEverything = ["/robots.txt"];

    /// <summary>What a change to smolvlm2-2b (in Developer Tools) leaves cached: pages that show neither it, its category nor lists.</summary>
    private static readonly string[] KeptByAToolChange = ["/tools/" + Other, "/newsletter/archive", "/robots.txt"];

    private static readonly DateTimeOffset DueAt = new(2030, 1, 1, 9, 0, 0, TimeSpan.Zero);

    private readonly AdminSite _site = new();
    private long _adminId;

    public WritePathEvictionTests()
    {
        _adminId = Prepare(_site);
    }

    /// <summary>Adds the tool of the other category that <see cref="Pages"/> shows; returns the admin's id, for writes.</summary>
    internal static long Prepare(AdminSite site)
    {
        var adminId = site.Service<EditorRepository>().FindByEmailAsync(AdminSite.AdminEmail).GetAwaiter().GetResult()!.Id;
        var tools = site.Service<ToolAdminRepository>();
        var created = tools.CreateAsync(Tool(Other, "Pixel Painter", "Image Tools"), adminId).GetAwaiter().GetResult();
        Assert.Equal(SaveOutcome.Saved, created.Outcome);
        // Two drafts in the other category, for scheduling and for the scheduled publisher.
        Assert.Equal(SaveOutcome.Saved, tools.CreateAsync(Tool("sched-bot", "Sched Bot", "Image Tools") with { Published = false }, adminId).GetAwaiter().GetResult().Outcome);
        var due = tools.CreateAsync(Tool("due-bot", "Due Bot", "Image Tools") with { Published = false }, adminId).GetAwaiter().GetResult().Id!.Value;
        var version = tools.GetAsync(due).GetAwaiter().GetResult()!.Version;
        Assert.Equal(SaveOutcome.Saved, tools.ScheduleAsync(due, version, DueAt, adminId).GetAwaiter().GetResult());
        return adminId;
    }

    public void Dispose() => _site.Dispose();

    public static TheoryData<string> WritePaths() => [.. WritePathTests.Known];

    [Theory]
    [MemberData(nameof(WritePaths))]
    public async Task WritePath_EvictsExactlyThePagesShowingWhatChanged(string writePath)
    {
        var client = _site.Client();
        foreach (var page in Pages) await GetAsync(client, page);
        foreach (var page in Pages) Assert.True(await IsCachedAsync(client, page), $"{page} was not cached before the write");
        var expectedKept = await WriteAsync(_site, _adminId, writePath);

        var kept = new List<string>();
        foreach (var page in Pages)
        {
            if (await IsCachedAsync(client, page)) kept.Add(page);
        }

        Assert.Equal(expectedKept.Order(StringComparer.Ordinal), kept.Order(StringComparer.Ordinal));
    }

    /// <summary>Runs the write path on <paramref name="site"/>; returns the pages it must leave cached.</summary>
    internal static async Task<string[]> WriteAsync(AdminSite site, long adminId, string writePath)
    {
        var tools = site.Service<ToolAdminRepository>();
        var smol = await EditDataAsync(site, "smolvlm2-2b");
        switch (writePath)
        {
            case "ToolAdminRepository.CreateAsync":
                // A new tool in the other category: its category's pages and the lists, nothing of smolvlm2-2b.
                Assert.Equal(SaveOutcome.Saved, (await tools.CreateAsync(Tool("brush-bot", "Brush Bot", "Image Tools"), adminId)).Outcome);
                return ["/tools/smolvlm2-2b", "/compare/mistral-medium-3-vs-smolvlm2-2b", "/compare/mercury-edit-2-vs-mistral-code",
                        "/newsletter/archive", "/badge/smolvlm2-2b.svg", .. OnlyEverything];
            case "ToolAdminRepository.UpdateAsync":
                Assert.Equal(SaveOutcome.Saved, await tools.UpdateAsync(smol.Id, smol.Version, Content(smol) with { Tagline = "A new tagline" }, adminId));
                return KeptByAToolChange;
            case "ToolAdminRepository.SetPublishedAsync":
                Assert.Equal(SaveOutcome.Saved, await tools.SetPublishedAsync(smol.Id, smol.Version, published: false, adminId));
                return KeptByAToolChange;
            case "ToolAdminRepository.ScheduleAsync":
                // A draft's schedule: nothing public shows a draft, so every page stays.
                var sched = await EditDataAsync(site, "sched-bot");
                Assert.Equal(SaveOutcome.Saved, await tools.ScheduleAsync(sched.Id, sched.Version, DueAt.AddDays(1), adminId));
                return Pages;
            case "ToolAdminRepository.PublishDueAsync":
                // A scheduled draft in the other category goes on the site: as a new tool there would.
                Assert.Equal("due-bot", Assert.Single(await tools.PublishDueAsync(DueAt)).Slug);
                return ["/tools/smolvlm2-2b", "/compare/mistral-medium-3-vs-smolvlm2-2b", "/compare/mercury-edit-2-vs-mistral-code",
                        "/newsletter/archive", "/badge/smolvlm2-2b.svg", .. OnlyEverything];
            case "ToolAdminRepository.SaveReviewsAsync":
                Assert.Equal(SaveOutcome.Saved, await tools.SaveReviewsAsync(smol.Id, smol.Version, smol.Reviews.Skip(1).ToList(), adminId));
                return KeptByAToolChange;
            case "CriticAdminRepository.SaveAsync":
                var builder = (await site.Service<CriticAdminRepository>().GetAsync("builder"))!;
                Assert.True(await site.Service<CriticAdminRepository>().SaveAsync(
                    new CriticContent(builder.Slug, builder.Name, builder.Label, "A new role", builder.Motto, builder.Order, builder.ExcitedAbout, builder.TiredOf, builder.Bio),
                    create: false, adminId));
                // Every page showing the panel's reviews or lists goes; the badge shows the tool's split only.
                return ["/newsletter/archive", "/badge/smolvlm2-2b.svg", .. OnlyEverything];
            // One of the two, whichever the suite's database is: the PostgreSQL pass runs the other.
            case "VoteRepository.RecordOnPostgreSqlAsync":
            case "VoteRepository.RecordOnSqlite":
                var result = await site.Service<VoteWriter>().SubmitAsync(new VoteRequest("smolvlm2-2b", new string('v', 22), "address", ReviewVerdict.Ship, PerAddressCap: 5));
                Assert.True(result.Changed);
                // Nothing: pages take tallies from the live board at render time and the page script
                // refreshes them, so a vote leaves every page cached, the tool's own included.
                return Pages;
            case "NewsletterRepository.CompleteIfDoneAsync":
                using (var connection = SuiteDatabase.Open(site.Factory.ConnectionString))
                {
                    connection.Execute("INSERT INTO Subscriber (Email, Status, CreatedAt, UpdatedAt) VALUES ('reader@example.com', 'confirmed', '2026-01-01', '2026-01-01')");
                }
                Assert.Equal("sent", (await site.Service<Digests>().SendAsync(new DateTimeOffset(2026, 6, 1, 8, 0, 0, TimeSpan.Zero))).Status);
                return [.. Pages.Where(p => p != "/newsletter/archive")];
            case "ContentImporter.Import":
                using (var connection = SuiteDatabase.Open(site.Factory.ConnectionString))
                {
                    connection.Execute("UPDATE Tool SET ContentHash = NULL WHERE Slug = 'smolvlm2-2b'"); // so the import has something to write
                }
                var imported = site.Service<ContentImporter>().Import(TestPaths.Content);
                Assert.True(imported.Succeeded);
                Assert.Contains("tool smolvlm2-2b", imported.Updated);
                return [];
            case "CatalogGenerator.Generate":
                Assert.Equal(3, new CatalogGenerator(site.Service<Db>()).Generate(3, seed: 7));
                return [];
            default:
                throw new InvalidOperationException($"No eviction case for the write path {writePath}: add one.");
        }
    }

    private static async Task<ToolEditData> EditDataAsync(AdminSite site, string slug)
    {
        using var connection = SuiteDatabase.Open(site.Factory.ConnectionString);
        var id = await connection.ExecuteScalarAsync<long>("SELECT Id FROM Tool WHERE Slug = @Slug", new { Slug = slug });
        return (await site.Service<ToolAdminRepository>().GetAsync(id))!;
    }

    private static ToolContent Content(ToolEditData t) => new(
        t.Slug, t.Name, t.Tagline, t.Category, t.Vendor, t.Website, t.Reviewed, t.BestFor,
        new Pricing(t.Entry, t.PricingSummary, t.InputPerMTok, t.OutputPerMTok), t.Reviews, t.Description, t.IsPublished);

    private static ToolContent Tool(string slug, string name, string category) => new(
        slug, name, "Paints pixels", category, "Acme", null, new DateOnly(2026, 5, 1), null,
        new Pricing(PricingEntry.Free, "Free", null, null), [], "A tool for tests.");

    internal static async Task GetAsync(HttpClient client, string page)
    {
        using var response = await client.GetAsync(page);
        Assert.True(response.IsSuccessStatusCode, $"{page} answered {(int)response.StatusCode}");
    }

    /// <summary>A page cache hit carries Age; a render does not (and stores the page again).</summary>
    internal static async Task<bool> IsCachedAsync(HttpClient client, string page)
    {
        using var response = await client.GetAsync(page);
        return response.Headers.Contains("Age");
    }
}
