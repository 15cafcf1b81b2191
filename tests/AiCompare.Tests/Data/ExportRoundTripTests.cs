using System.IO.Compression;
using AiCompare.Data;
using AiCompare.Tests.Support;
using Dapper;

namespace AiCompare.Tests.Data;

/// <summary>Export → import gives back the same catalog, byte for byte on a second export.</summary>
public sealed class ExportRoundTripTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private (Db Db, ContentImporter Importer, ContentExporter Exporter) Catalog(string name)
    {
        var db = new Db(SuiteDatabase.NewConnectionString(_temp, name));
        new Migrator(db).Migrate();
        return (db, new ContentImporter(db, new Markdown()), new ContentExporter(db));
    }

    private string Extract(ContentExporter exporter, string folder)
    {
        using var zip = new MemoryStream();
        exporter.WriteZip(zip);
        zip.Position = 0;
        var target = _temp.Combine(folder);
        ZipFile.ExtractToDirectory(zip, target);
        return target;
    }

    [Fact]
    public void ShippedContent_ExportedAndImportedIntoTheSameDatabase_IsUnchanged()
    {
        var (_, importer, exporter) = Catalog("a");
        Assert.True(importer.Import(TestPaths.Content).Succeeded);

        var result = importer.Import(Extract(exporter, "export"));

        Assert.True(result.Succeeded, string.Join('\n', result.Problems));
        Assert.Empty(result.Created);
        Assert.Empty(result.Updated);
        Assert.Equal(10, result.Unchanged.Count);
    }

    [Fact]
    public void ExportImportedIntoAFreshDatabase_ExportsTheSameBytesAgain()
    {
        var (_, importer, exporter) = Catalog("first");
        importer.Import(TestPaths.Content);
        using var firstZip = new MemoryStream();
        exporter.WriteZip(firstZip);

        var (_, freshImporter, freshExporter) = Catalog("second");
        Assert.True(freshImporter.Import(Extract(exporter, "export")).Succeeded);
        using var secondZip = new MemoryStream();
        freshExporter.WriteZip(secondZip);

        Assert.Equal(exporter.Files(), freshExporter.Files());
        Assert.Equal(firstZip.ToArray(), secondZip.ToArray());
    }

    [Fact]
    public void Zip_HoldsReviewersAndToolsSorted()
    {
        var (_, importer, exporter) = Catalog("names");
        importer.Import(TestPaths.Content);
        using var buffer = new MemoryStream();
        exporter.WriteZip(buffer);
        buffer.Position = 0;
        using var zip = new ZipArchive(buffer, ZipArchiveMode.Read);

        var names = zip.Entries.Select(e => e.FullName).ToList();

        Assert.Equal(names.Order(StringComparer.Ordinal), names);
        Assert.Equal(4, names.Count(n => n.StartsWith("reviewers/", StringComparison.Ordinal)));
        Assert.Equal(6, names.Count(n => n.StartsWith("tools/", StringComparison.Ordinal)));
        Assert.All(names, n => Assert.EndsWith(".md", n, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Quotes \"inside\" and \\ backslashes")]
    [InlineData("a: b # not a comment")]
    [InlineData("- leading dash")]
    [InlineData("true")]
    [InlineData("null")]
    [InlineData("~")]
    [InlineData("'single' quotes")]
    [InlineData("Emoji 🚀 and 工具 and ünïcødé")]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("Tab\there and a form\u000Cfeed")]
    [InlineData("Line\u2028separator")]
    public void HostileText_SurvivesTheRoundTripExactly(string text)
    {
        var content = new ContentBuilder(_temp.Combine("source-" + Guid.NewGuid().ToString("N"))).WithPanel()
            .Tool("odd", text, category: "Cat " + text, summary: text, tagline: text, vendor: text, description: text,
                  reviews: [("builder", 61, "skip", text + "\nsecond line")]);
        var (db, importer, exporter) = Catalog("hostile-" + Guid.NewGuid().ToString("N"));
        var imported = importer.Import(content.Root);
        Assert.True(imported.Succeeded, string.Join('\n', imported.Problems));

        var (freshDb, freshImporter, _) = Catalog("hostile-fresh-" + Guid.NewGuid().ToString("N"));
        var result = freshImporter.Import(Extract(exporter, "hostile-export-" + Guid.NewGuid().ToString("N")));

        Assert.True(result.Succeeded, string.Join('\n', result.Problems));
        Assert.Equal(Snapshot(db), Snapshot(freshDb));
        using var connection = freshDb.Open();
        Assert.Equal(text.Trim(), connection.ExecuteScalar<string>("SELECT Name FROM Tool WHERE Slug = 'odd'"));
        Assert.Equal(text.Trim() + "\nsecond line", connection.ExecuteScalar<string>("SELECT Quote FROM Review"));
    }

    [Fact]
    public void UnpublishedToolPricesAndOwnReviewDates_SurviveTheRoundTrip()
    {
        var content = new ContentBuilder(_temp.Combine("source")).WithPanel()
            .Tool("priced", "Priced", entry: "paid", input: "0.075", output: "2", reviews: [("founder", 40, "skip", "No moat.")])
            .Tool("bare", "Bare", reviewed: null)
            .Raw("tools/hidden.md", """
                ---
                name: Hidden
                tagline: Not yet
                category: Other
                reviewed: 2026-01-02
                published: false
                pricing:
                  entry: freemium
                  summary: Free tier
                reviews:
                  - critic: builder
                    score: 70
                    verdict: ship
                    quote: Works.
                    reviewed: 2026-03-04
                ---
                Hidden body.
                """);
        var (db, importer, exporter) = Catalog("source");
        Assert.True(importer.Import(content.Root).Succeeded);

        var files = exporter.Files().ToDictionary(f => f.Path, f => f.Text);
        var (freshDb, freshImporter, _) = Catalog("fresh");
        Assert.True(freshImporter.Import(Extract(exporter, "export")).Succeeded);

        Assert.Contains("published: false", files["tools/hidden.md"], StringComparison.Ordinal);
        Assert.Contains("    reviewed: 2026-03-04", files["tools/hidden.md"], StringComparison.Ordinal);
        Assert.Contains("  input_per_mtok: 0.075", files["tools/priced.md"], StringComparison.Ordinal);
        Assert.DoesNotContain("reviews:", files["tools/bare.md"], StringComparison.Ordinal);
        Assert.Equal(Snapshot(db), Snapshot(freshDb));
    }

    /// <summary>Every stored value that the content format carries, by slug rather than id.</summary>
    private static string Snapshot(Db db)
    {
        using var connection = db.Open();
        var rows = connection.Query<string>("""
            SELECT 'critic|' || Slug || '|' || Name || '|' || Label || '|' || COALESCE(Role, '~') || '|' || COALESCE(Motto, '~') || '|' ||
                   SortOrder || '|' || ExcitedAbout || '|' || TiredOf || '|' || Bio || '|' || BioHtml FROM Critic
            UNION ALL
            SELECT 'tool|' || t.Slug || '|' || t.Name || '|' || t.Tagline || '|' || c.Name || '|' || COALESCE(t.Vendor, '~') || '|' ||
                   COALESCE(t.Website, '~') || '|' || COALESCE(t.ReviewedOn, '~') || '|' || COALESCE(t.BestFor, '~') || '|' || t.PricingEntry || '|' ||
                   t.PricingSummary || '|' || COALESCE(CAST(t.InputMicroUsd AS TEXT), '~') || '|' || COALESCE(CAST(t.OutputMicroUsd AS TEXT), '~') || '|' ||
                   t.Description || '|' || t.DescriptionHtml || '|' || t.IsPublished
            FROM Tool t JOIN Category c ON c.Id = t.CategoryId
            UNION ALL
            SELECT 'review|' || t.Slug || '|' || k.Slug || '|' || r.Score || '|' || r.Verdict || '|' || r.Quote || '|' || COALESCE(r.ReviewedOn, '~')
            FROM Review r JOIN Tool t ON t.Id = r.ToolId JOIN Critic k ON k.Id = r.CriticId
            ORDER BY 1
            """);
        return string.Join('\n', rows);
    }
}
