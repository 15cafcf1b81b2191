using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using AiCompare.Data;
using AiCompare.Tests.Support;
using Dapper;

namespace AiCompare.Tests.Data;

/// <summary>
/// What <see cref="ExportRoundTripTests"/> does not cover: critics' fields and lists, control and
/// unusual characters, price text, Markdown bodies that contain front-matter markers, and the zip itself.
/// Admin saves round-trip too (see the last test): descriptions are stored with LF line ends, and a
/// review saved without a date takes the tool's, as the importer does.
/// </summary>
public sealed class ExportTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private (Db Db, ContentImporter Importer, ContentExporter Exporter) Catalog(string name)
    {
        var db = new Db(SuiteDatabase.NewConnectionString(_temp, name));
        new Migrator(db).Migrate();
        return (db, new ContentImporter(db, new Markdown()), new ContentExporter(db));
    }

    /// <summary>Exports <paramref name="exporter"/>'s catalog as a zip, unzips it and imports it into a fresh database.</summary>
    private Db RoundTrip(ContentExporter exporter)
    {
        using var zip = new MemoryStream();
        exporter.WriteZip(zip);
        zip.Position = 0;
        var folder = _temp.Combine("export-" + Guid.NewGuid().ToString("N"));
        ZipFile.ExtractToDirectory(zip, folder);

        var (fresh, importer, _) = Catalog("fresh-" + Guid.NewGuid().ToString("N"));
        var result = importer.Import(folder);
        Assert.True(result.Succeeded, string.Join('\n', result.Problems));
        return fresh;
    }

    [Fact]
    public void Critic_HostileFieldsListsAndBio_SurviveTheRoundTripExactly()
    {
        // Hand-written escapes, so the input does not depend on the exporter's own quoting.
        var content = new ContentBuilder(_temp.Combine("source")).Raw("reviewers/odd.md", """
            ---
            name: "The \"Critic\": a \\ b"
            label: "# hash"
            role: "- leading dash"
            motto: "line one\nline two\ttab"
            order: -3
            excited_about: ["a, b", "[brackets]", "\"quoted\"", "true", "null", "~", "emoji 🚀 工具", "a\u2028b"]
            tired_of: ["x: y", "#z", "<script>alert(1)</script>"]
            ---
            Bio first line.

            ---

            After a rule line.
            ...
            End.
            """);
        var (db, importer, exporter) = Catalog("source");
        Assert.True(importer.Import(content.Root).Succeeded);

        var fresh = RoundTrip(exporter);

        Assert.Equal(Critics(db), Critics(fresh));
        var critic = Critics(fresh).Single();
        Assert.Equal("The \"Critic\": a \\ b", critic.Name);
        Assert.Equal("line one\nline two\ttab", critic.Motto);
        Assert.Equal(-3, critic.SortOrder);
        Assert.Equal(["a, b", "[brackets]", "\"quoted\"", "true", "null", "~", "emoji 🚀 工具", "a\u2028b"], JsonSerializer.Deserialize<string[]>(critic.ExcitedAbout)!);
        Assert.Equal(["x: y", "#z", "<script>alert(1)</script>"], JsonSerializer.Deserialize<string[]>(critic.TiredOf)!);
        Assert.Equal("Bio first line.\n\n---\n\nAfter a rule line.\n...\nEnd.", critic.Bio);
    }

    [Theory]
    [InlineData("C1 \u0080 and \u009F controls")]
    [InlineData("Next line \u0085 and paragraph \u2029 separators")]
    [InlineData("Escape \u001B, bell \u0007 and delete \u007F")] // NUL is refused by every form (ContentRules)
    [InlineData("Lone CR \r inside")]
    [InlineData("Byte order mark \uFEFF inside")]
    [InlineData("Noncharacter \uFFFE inside")]
    [InlineData("Astral 𝔘 and combining e\u0301")]
    public void Tool_ControlAndUnusualCharacters_SurviveTheRoundTripExactly(string text)
    {
        var content = new ContentBuilder(_temp.Combine("source")).WithPanel()
            .Tool("odd", "Placeholder", reviews: [("skeptic", 20, "skip", "Placeholder.")]);
        var (db, importer, exporter) = Catalog("source");
        Assert.True(importer.Import(content.Root).Succeeded);
        // Written straight to the database, as an admin form could: the file format never has to hold it first.
        using (var connection = db.Open())
        {
            connection.Execute("UPDATE Tool SET Name = @Text, Tagline = @Text, BestFor = @Text", new { Text = text });
            connection.Execute("UPDATE Review SET Quote = @Text", new { Text = text });
            connection.Execute("UPDATE Critic SET Motto = @Text WHERE Slug = 'skeptic'", new { Text = text });
        }

        var fresh = RoundTrip(exporter);

        using var check = fresh.Open();
        Assert.Equal(text, check.ExecuteScalar<string>("SELECT Name FROM Tool"));
        Assert.Equal(text, check.ExecuteScalar<string>("SELECT Tagline FROM Tool"));
        Assert.Equal(text, check.ExecuteScalar<string>("SELECT BestFor FROM Tool"));
        Assert.Equal(text, check.ExecuteScalar<string>("SELECT Quote FROM Review"));
        Assert.Equal(text, check.ExecuteScalar<string>("SELECT Motto FROM Critic WHERE Slug = 'skeptic'"));
    }

    [Fact]
    public void Tool_DescriptionWithFrontMatterMarkers_SurvivesTheRoundTripExactly()
    {
        const string description = "Intro.\n\n---\n\nname: not a field\n...\n\n```yaml\n---\nkey: value\n```";
        var content = new ContentBuilder(_temp.Combine("source")).WithPanel().Tool("ruled", "Ruled", description: description);
        var (db, importer, exporter) = Catalog("source");
        Assert.True(importer.Import(content.Root).Succeeded);

        var fresh = RoundTrip(exporter);

        using var check = fresh.Open();
        Assert.Equal(description, check.ExecuteScalar<string>("SELECT Description FROM Tool"));
        using var source = db.Open();
        Assert.Equal(
            source.ExecuteScalar<string>("SELECT DescriptionHtml FROM Tool"),
            check.ExecuteScalar<string>("SELECT DescriptionHtml FROM Tool"));
    }

    [Theory]
    [InlineData("0.40", "0.4", 400_000L)]
    [InlineData("2", "2", 2_000_000L)]
    [InlineData("0.075", "0.075", 75_000L)]
    [InlineData("0.000001", "0.000001", 1L)]
    [InlineData("0", "0", 0L)]
    [InlineData("10000", "10000", 10_000_000_000L)]
    public void Price_IsWrittenAsShortestInvariantText_AndSurvives(string written, string exported, long micro)
    {
        var content = new ContentBuilder(_temp.Combine("source")).WithPanel()
            .Tool("priced", "Priced", entry: "paid", input: written, output: written);
        var (_, importer, exporter) = Catalog("source");
        Assert.True(importer.Import(content.Root).Succeeded);

        var text = exporter.Files().Single(f => f.Path == "tools/priced.md").Text;
        var fresh = RoundTrip(exporter);

        Assert.Contains("\n  input_per_mtok: " + exported + "\n", text, StringComparison.Ordinal);
        Assert.Contains("\n  output_per_mtok: " + exported + "\n", text, StringComparison.Ordinal);
        using var check = fresh.Open();
        Assert.Equal(micro, check.ExecuteScalar<long>("SELECT InputMicroUsd FROM Tool"));
        Assert.Equal(micro, check.ExecuteScalar<long>("SELECT OutputMicroUsd FROM Tool"));
    }

    [Fact]
    public void Tool_FileLayout_FollowsTheDocumentedFieldOrder()
    {
        var content = new ContentBuilder(_temp.Combine("source")).WithPanel().Raw("tools/full.md", """
            ---
            name: Full
            tagline: Every field
            category: Developer Tools
            vendor: Acme
            website: https://example.com
            reviewed: 2026-01-02
            best_for: Teams
            published: false
            pricing:
              entry: Paid
              summary: Metered
              input_per_mtok: 1.5
              output_per_mtok: 3
            reviews:
              - critic: founder
                score: 40
                verdict: Skip
                quote: Last in the panel.
                reviewed: 2026-02-03
              - critic: builder
                score: 90
                verdict: ship
                quote: First in the panel.
                reviewed: 2026-01-02
            ---
            Body.
            """);
        var (_, importer, exporter) = Catalog("source");
        Assert.True(importer.Import(content.Root).Succeeded);

        var text = exporter.Files().Single(f => f.Path == "tools/full.md").Text;

        Assert.Equal("""
            ---
            name: "Full"
            tagline: "Every field"
            category: "Developer Tools"
            vendor: "Acme"
            website: "https://example.com"
            reviewed: 2026-01-02
            best_for: "Teams"
            published: false
            pricing:
              entry: paid
              summary: "Metered"
              input_per_mtok: 1.5
              output_per_mtok: 3
            reviews:
              - critic: builder
                score: 90
                verdict: ship
                quote: "First in the panel."
              - critic: founder
                score: 40
                verdict: skip
                quote: "Last in the panel."
                reviewed: 2026-02-03
            ---
            Body.

            """, text);
    }

    [Fact]
    public void Zip_EntriesMatchFilesWithAFixedTimeAndContentPaths()
    {
        var (_, importer, exporter) = Catalog("source");
        Assert.True(importer.Import(TestPaths.Content).Succeeded);
        var files = exporter.Files();
        using var buffer = new MemoryStream();
        exporter.WriteZip(buffer);
        buffer.Position = 0;

        using var zip = new ZipArchive(buffer, ZipArchiveMode.Read);

        Assert.Equal(files.Select(f => f.Path), zip.Entries.Select(e => e.FullName));
        Assert.All(zip.Entries, e => Assert.Matches(new Regex(@"^(reviewers|tools)/[a-z0-9]+(-[a-z0-9]+)*\.md$"), e.FullName));
        Assert.All(zip.Entries, e => Assert.Equal(new DateTime(2000, 1, 1), e.LastWriteTime.DateTime));
        foreach (var (entry, (_, text)) in zip.Entries.Zip(files))
        {
            using var reader = new StreamReader(entry.Open(), new UTF8Encoding(false, throwOnInvalidBytes: true));
            var read = reader.ReadToEnd();
            Assert.Equal(text, read);
            Assert.StartsWith("---\n", read, StringComparison.Ordinal);
            Assert.EndsWith("\n", read, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void WriteZip_LeavesTheOutputStreamOpen()
    {
        var (_, _, exporter) = Catalog("empty");
        using var buffer = new MemoryStream();

        exporter.WriteZip(buffer);

        Assert.True(buffer.CanWrite);
        Assert.True(buffer.Length > 0);
    }

    private static List<CriticSnapshot> Critics(Db db)
    {
        using var connection = db.Open();
        return connection.Query<CriticSnapshot>("""
            SELECT Slug, Name, Label, Role, Motto, SortOrder, ExcitedAbout, TiredOf, Bio, BioHtml
            FROM Critic ORDER BY Slug
            """).ToList();
    }

    private sealed record CriticSnapshot(
        string Slug, string Name, string Label, string? Role, string? Motto, long SortOrder,
        string ExcitedAbout, string TiredOf, string Bio, string BioHtml);

    [Fact]
    public async Task AdminSaves_CrlfDescriptionAndUndatedReview_ExportAndImportBackUnchanged()
    {
        var db = new Db(SuiteDatabase.NewConnectionString(_temp, "admin"));
        new Migrator(db).Migrate();
        var markdown = new Markdown();
        new ContentImporter(db, markdown).Import(TestPaths.Content);
        var admin = new ToolAdminRepository(db, markdown);
        var editor = (await new EditorRepository(db).CreateAsync("e@example.com", "e", "not-a-real-hash", AiCompare.Domain.EditorRole.Editor, null))!.Value;
        var draft = new AiCompare.Domain.ToolDraft("crlf", "Crlf", "Tag", "Cat", null, null, "2026-04-01", null, "free", "Free", null, null, [], "line one\r\nline two", "true");
        var (tool, problems) = AiCompare.Domain.ContentRules.ValidateTool(draft, _ => true);
        Assert.Empty(problems);
        var (_, id) = await admin.CreateAsync(tool!, editor);
        var version = (await admin.GetAsync(id!.Value))!.Version;
        await admin.SaveReviewsAsync(id.Value, version, [new AiCompare.Domain.ReviewContent("builder", 70, AiCompare.Domain.ReviewVerdict.Ship, "Fine.")], editor);
        var before = await admin.GetAsync(id.Value);

        var folder = _temp.Combine("admin-export");
        Directory.CreateDirectory(Path.Combine(folder, "tools"));
        Directory.CreateDirectory(Path.Combine(folder, "reviewers"));
        foreach (var (path, text) in new ContentExporter(db).Files()) File.WriteAllText(Path.Combine(folder, path), text);
        var result = new ContentImporter(db, markdown).Import(folder);
        var after = await admin.GetAsync(id.Value);

        Assert.True(result.Succeeded, string.Join('\n', result.Problems));
        Assert.Equal("line one\nline two", before!.Description);
        Assert.Equal(new DateOnly(2026, 4, 1), before.Reviews.Single().Reviewed);
        Assert.Equal(before.Description, after!.Description);
        Assert.Equal(before.Reviews, after.Reviews);
    }

    private static string ToolFile(string name, string extra) =>
        "---\nname: \"" + name + "\"\ntagline: \"t\"\ncategory: \"Cat\"\n" + extra + "pricing:\n  entry: free\n  summary: \"Free\"\n---\nText.\n";

    [Theory]
    [InlineData("publish_at: 2030-01-01T09:00:00Z\n", "publish_at", "only a draft can be scheduled: remove it, or add published: false")]
    [InlineData("published: false\npublish_at: next tuesday\n", "publish_at", "'next tuesday' is not a UTC time written as YYYY-MM-DDTHH:MM:SSZ")]
    [InlineData("old_slugs: [\"Not A Slug\"]\n", "old_slugs", "'Not A Slug' must be lowercase letters and digits joined by single hyphens (at most 100 characters)")]
    [InlineData("old_slugs: [\"one\"]\n", "old_slugs", "'one' is the tool's own slug")]
    [InlineData("old_slugs: [\"two\"]\n", "old_slugs", "'two' is already the address of the tool 'two'")]
    public void Import_BadScheduleOrOldSlugs_NamesTheFileAndField_AndWritesNothing(string extra, string field, string message)
    {
        var content = new ContentBuilder(_temp.Combine("bad")).Raw("tools/one.md", ToolFile("One", extra)).Raw("tools/two.md", ToolFile("Two", ""));
        var (db, importer, _) = Catalog("bad");

        var result = importer.Import(content.Root);

        Assert.Equal([new ImportProblem("tools/one.md", field, message)], result.Problems);
        using var connection = db.Open();
        Assert.Equal(0, connection.ExecuteScalar<int>("SELECT COUNT(*) FROM Tool"));
    }

    [Fact]
    public void Import_AFileWithTheSlugARenamedToolLeftBehind_IsRefused_AndAnOldSlugOfAnotherToolToo()
    {
        var (db, importer, _) = Catalog("renamed");
        var first = new ContentBuilder(_temp.Combine("first")).Raw("tools/new-name.md", ToolFile("Renamed", "old_slugs: [\"old-name\"]\n"));
        Assert.True(importer.Import(first.Root).Succeeded);

        var stale = new ContentBuilder(_temp.Combine("stale")).Raw("tools/old-name.md", ToolFile("Renamed", ""))
            .Raw("tools/other.md", ToolFile("Other", "old_slugs: [\"new-name\"]\n"));
        var result = importer.Import(stale.Root);

        Assert.Equal(
            [
                new ImportProblem("tools/old-name.md", "slug", "'old-name' is an old address of the tool 'new-name', which was renamed; name the file new-name.md to update that tool"),
                new ImportProblem("tools/other.md", "old_slugs", "'new-name' is already the address of the tool 'new-name'"),
            ],
            result.Problems);
        using var connection = db.Open();
        Assert.Equal(["new-name"], connection.Query<string>("SELECT Slug FROM Tool").ToList());
        Assert.Equal("new-name", connection.ExecuteScalar<string>("SELECT t.Slug FROM SlugRedirect s JOIN Tool t ON t.Id = s.ToolId WHERE s.OldSlug = 'old-name'"));
    }

    [Fact]
    public async Task Import_AfterAnEditorScheduledOrPublished_WritesTheFileAgain_NotUnchanged()
    {
        var (db, importer, _) = Catalog("hash");
        var content = new ContentBuilder(_temp.Combine("hash")).Raw("tools/drafty.md", ToolFile("Drafty", "published: false\n"));
        Assert.True(importer.Import(content.Root).Succeeded);
        var admin = new ToolAdminRepository(db, new Markdown());
        var editor = (await new EditorRepository(db).CreateAsync("h@example.com", "h", "not-a-real-hash", AiCompare.Domain.EditorRole.Editor, null))!.Value;
        using (var connection = db.Open())
        {
            var id = connection.ExecuteScalar<long>("SELECT Id FROM Tool WHERE Slug = 'drafty'");
            Assert.Equal(SaveOutcome.Saved, await admin.ScheduleAsync(id, (await admin.GetAsync(id))!.Version, new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero), editor));
        }

        var again = importer.Import(content.Root);

        Assert.Equal(["tool drafty"], again.Updated);
        using var check = db.Open();
        Assert.Null(check.ExecuteScalar<string?>("SELECT PublishAt FROM Tool WHERE Slug = 'drafty'"));
    }

    [Fact]
    public void Import_OverADatabaseWhereAnOldSlugIsAlsoAToolsSlug_ListsProblems_InsteadOfFailing()
    {
        var (db, importer, _) = Catalog("legacy");
        var first = new ContentBuilder(_temp.Combine("legacy")).Raw("tools/alpha.md", ToolFile("Alpha", "")).Raw("tools/beta.md", ToolFile("Beta", ""));
        Assert.True(importer.Import(first.Root).Succeeded);
        // Written before the importer checked addresses: beta's slug is also an old slug of alpha's.
        using (var connection = db.Open())
        {
            connection.Execute("INSERT INTO SlugRedirect (OldSlug, ToolId, At) SELECT 'beta', Id, '2026-01-01' FROM Tool WHERE Slug = 'alpha'");
        }

        var result = importer.Import(first.Root);

        Assert.True(result.Succeeded, string.Join('\n', result.Problems));
        Assert.Equal(2, result.Unchanged.Count);
    }
}
