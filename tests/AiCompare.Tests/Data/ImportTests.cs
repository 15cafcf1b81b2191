using AiCompare.Data;
using AiCompare.Tests.Support;
using Dapper;

namespace AiCompare.Tests.Data;

/// <summary>Import: all or nothing, idempotent, and every bad file named with its field and problem.</summary>
public sealed class ImportTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly Db _db;
    private readonly ContentImporter _importer;

    public ImportTests()
    {
        _db = new Db(SuiteDatabase.NewConnectionString(_temp));
        new Migrator(_db).Migrate();
        _importer = new ContentImporter(_db, new Markdown());
    }

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Import_ShippedContent_CreatesFourCriticsAndSixTools()
    {
        var result = _importer.Import(TestPaths.Content);

        Assert.True(result.Succeeded, string.Join('\n', result.Problems));
        Assert.Equal(10, result.Created.Count);
        using var connection = _db.Open();
        Assert.Equal(4, connection.ExecuteScalar<int>("SELECT COUNT(*) FROM Critic"));
        Assert.Equal(6, connection.ExecuteScalar<int>("SELECT COUNT(*) FROM Tool"));
        Assert.Equal(24, connection.ExecuteScalar<int>("SELECT COUNT(*) FROM Review"));
    }

    [Fact]
    public void Import_Twice_SecondRunChangesNothing()
    {
        _importer.Import(TestPaths.Content);
        var before = Snapshot();

        var again = _importer.Import(TestPaths.Content);

        Assert.True(again.Succeeded);
        Assert.Empty(again.Created);
        Assert.Empty(again.Updated);
        Assert.Equal(10, again.Unchanged.Count);
        Assert.Equal(before, Snapshot());
    }

    [Fact]
    public void Import_ChangedFile_UpdatesThatToolAndReplacesItsReviews()
    {
        var content = Content().Tool("alpha", "Alpha", reviews: [("builder", 80, "ship", "Good."), ("skeptic", 30, "skip", "No.")]);
        _importer.Import(content.Root);

        content.Tool("alpha", "Alpha Renamed", reviews: [("builder", 90, "ship", "Better.")]);
        var result = _importer.Import(content.Root);

        Assert.Equal(["tool alpha"], result.Updated);
        using var connection = _db.Open();
        Assert.Equal("Alpha Renamed", connection.ExecuteScalar<string>("SELECT Name FROM Tool WHERE Slug = 'alpha'"));
        Assert.Equal(2, connection.ExecuteScalar<int>("SELECT Version FROM Tool WHERE Slug = 'alpha'"));
        Assert.Equal(90, connection.ExecuteScalar<int>("SELECT Score FROM Review"));
        Assert.Equal(1, connection.ExecuteScalar<int>("SELECT COUNT(*) FROM Review"));
    }

    [Fact]
    public void Import_KeepsToolsAndCriticsThatAreNotInTheFolder()
    {
        _importer.Import(TestPaths.Content);

        var result = _importer.Import(Content().Tool("extra", "Extra").Root);

        Assert.True(result.Succeeded);
        using var connection = _db.Open();
        Assert.Equal(7, connection.ExecuteScalar<int>("SELECT COUNT(*) FROM Tool"));
    }

    [Fact]
    public void Import_PricesAreStoredExactly()
    {
        _importer.Import(Content().Tool("p", "P", entry: "paid", input: "0.075", output: "2.00").Root);

        using var connection = _db.Open();
        var (input, output) = connection.QuerySingle<(long, long)>("SELECT InputMicroUsd, OutputMicroUsd FROM Tool");
        Assert.Equal(75_000, input);
        Assert.Equal(2_000_000, output);
    }

    public static TheoryData<string, string, string> BadTools() => new()
    {
        // name, file text after the panel, expected "<file>: <field>: <problem>" fragment
        { "unknown critic", Tool(reviews: "  - critic: nobody\n    score: 80\n    verdict: ship\n    quote: q\n"), "tools/bad.md: reviews[1].critic: unknown critic 'nobody'" },
        { "score too high", Tool(reviews: "  - critic: builder\n    score: 101\n    verdict: ship\n    quote: q\n"), "tools/bad.md: reviews[1].score: 101 is out of range (0 to 100)" },
        { "score negative", Tool(reviews: "  - critic: builder\n    score: -5\n    verdict: ship\n    quote: q\n"), "tools/bad.md: reviews[1].score: -5 is out of range (0 to 100)" },
        { "score not a number", Tool(reviews: "  - critic: builder\n    score: high\n    verdict: ship\n    quote: q\n"), "tools/bad.md: reviews[1].score: 'high' is not a whole number from 0 to 100" },
        { "bad verdict", Tool(reviews: "  - critic: builder\n    score: 80\n    verdict: maybe\n    quote: q\n"), "tools/bad.md: reviews[1].verdict: 'maybe' is not ship or skip" },
        { "duplicate critic", Tool(reviews: "  - critic: builder\n    score: 80\n    verdict: ship\n    quote: q\n  - critic: builder\n    score: 70\n    verdict: skip\n    quote: r\n"), "tools/bad.md: reviews[2].critic: duplicate review by critic 'builder' (one review per critic)" },
        { "missing name", Tool(name: null), "tools/bad.md: name: is required" },
        { "missing tagline", Tool(tagline: null), "tools/bad.md: tagline: is required" },
        { "missing category", Tool(category: null), "tools/bad.md: category: is required" },
        { "missing pricing", "---\nname: Bad\ntagline: t\ncategory: c\n---\n", "tools/bad.md: pricing: is required (entry and summary)" },
        { "missing summary", "---\nname: Bad\ntagline: t\ncategory: c\npricing:\n  entry: free\n---\n", "tools/bad.md: pricing.summary: is required" },
        { "bad entry", Tool(entry: "cheap"), "tools/bad.md: pricing.entry: 'cheap' is not one of free, freemium, paid" },
        { "bad price", Tool(extraPricing: "  input_per_mtok: lots\n"), "tools/bad.md: pricing.input_per_mtok: 'lots' is not a price in USD per 1M tokens, like 0.40" },
        { "bad date", Tool(extra: "reviewed: 2026-02-30\n"), "tools/bad.md: reviewed: '2026-02-30' is not a date in the form YYYY-MM-DD" },
        { "bad url", Tool(extra: "website: javascript:alert(1)\n"), "tools/bad.md: website: must be an absolute http or https URL" },
        { "ftp url", Tool(extra: "website: ftp://example.com/x\n"), "tools/bad.md: website: must be an absolute http or https URL" },
        { "unknown field", Tool(extra: "taglin: typo\n"), "tools/bad.md: taglin: unknown field" },
        { "nul in text", Tool(extra: "vendor: \"Acme\\0Corp\"\n"), "tools/bad.md: vendor: contains a NUL character (U+0000), which text cannot hold: remove it" },
        { "list for text", Tool(extra: "vendor: [a, b]\n"), "tools/bad.md: vendor: must be a single value, not a list or mapping" },
        { "yaml syntax", "---\nname: Bad\ntagline: \"unclosed\ncategory: c\n---\n", "tools/bad.md: yaml: syntax error at line " },
        { "yaml bad indent", "---\nname: Bad\n  tagline: x\n---\n", "tools/bad.md: yaml: syntax error at line 3" },
        { "duplicate key", "---\nname: Bad\nname: Again\n---\n", "tools/bad.md: yaml: syntax error at line 3" },
        { "no front matter", "# Just markdown\n", "tools/bad.md: front matter: the file must start with a '---' line" },
        { "unclosed front matter", "---\nname: Bad\n", "tools/bad.md: front matter: no closing '---' line after the YAML" },
        { "front matter not a mapping", "---\n- a\n- b\n---\n", "tools/bad.md: front matter: must be a YAML mapping" },
    };

    [Theory]
    [MemberData(nameof(BadTools))]
    public void Import_BadToolFile_IsRefusedWithItsMessageAndChangesNothing(string scenario, string text, string expected)
    {
        _importer.Import(TestPaths.Content);
        var before = Snapshot();
        var content = Content().Tool("good", "Good").Raw("tools/bad.md", text);

        var result = _importer.Import(content.Root);

        Assert.False(result.Succeeded, scenario);
        Assert.Contains(result.Problems, p => p.ToString().StartsWith(expected, StringComparison.Ordinal));
        Assert.Empty(result.Created);
        Assert.Equal(before, Snapshot());
    }

    [Fact]
    public void Import_BadSlugFileName_IsRefused()
    {
        var content = Content().Tool("Bad_Name", "Bad");

        var result = _importer.Import(content.Root);

        Assert.Contains(result.Problems, p => p.File == "tools/Bad_Name.md" && p.Field == "slug");
    }

    [Fact]
    public void Import_BadCriticFile_IsRefused()
    {
        var content = Content().Raw("reviewers/odd.md", "---\nname: Odd\norder: first\n---\n");

        var result = _importer.Import(content.Root);

        Assert.Contains(result.Problems, p => p.ToString() == "reviewers/odd.md: label: is required");
        Assert.Contains(result.Problems, p => p.ToString() == "reviewers/odd.md: order: 'first' is not a whole number");
        using var connection = _db.Open();
        Assert.Equal(0, connection.ExecuteScalar<int>("SELECT COUNT(*) FROM Critic"));
    }

    [Fact]
    public void Import_ManyBadFiles_ReportsEveryOne()
    {
        var content = Content()
            .Raw("tools/one.md", Tool(entry: "cheap"))
            .Raw("tools/two.md", Tool(name: null));

        var result = _importer.Import(content.Root);

        Assert.Contains(result.Problems, p => p.File == "tools/one.md");
        Assert.Contains(result.Problems, p => p.File == "tools/two.md");
    }

    [Fact]
    public void Import_MissingDirectory_IsRefused()
    {
        var result = _importer.Import(_temp.Combine("nope"));

        Assert.False(result.Succeeded);
        Assert.Contains("not found", result.Problems.Single().Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_NotUtf8_IsRefused()
    {
        var content = Content();
        File.WriteAllBytes(Path.Combine(content.Root, "tools", "latin.md"), [0x2D, 0x2D, 0x2D, 0x0A, 0xFF, 0xFE, 0x0A]);

        var result = _importer.Import(content.Root);

        Assert.Contains(result.Problems, p => p.ToString() == "tools/latin.md: file: is not valid UTF-8 text");
    }

    [Fact]
    public void Import_UnicodeAndCrlf_AreAccepted()
    {
        var content = Content().Raw("tools/uni.md", "---\r\nname: \"Ünïcødé 工具 🚀\"\r\ntagline: Ça marche\r\ncategory: Outils\r\npricing:\r\n  entry: FREE\r\n  summary: Gratuit\r\n---\r\nBody **bold**\r\n");

        var result = _importer.Import(content.Root);

        Assert.True(result.Succeeded, string.Join('\n', result.Problems));
        using var connection = _db.Open();
        Assert.Equal("Ünïcødé 工具 🚀", connection.ExecuteScalar<string>("SELECT Name FROM Tool WHERE Slug = 'uni'"));
        Assert.Equal("<p>Body <strong>bold</strong></p>\n", connection.ExecuteScalar<string>("SELECT DescriptionHtml FROM Tool WHERE Slug = 'uni'"));
        Assert.Equal("outils", connection.ExecuteScalar<string>("SELECT Slug FROM Category"));
    }

    private ContentBuilder Content() => new ContentBuilder(_temp.Combine("content-" + Guid.NewGuid().ToString("N"))).WithPanel();

    private static string Tool(
        string? name = "Bad", string? tagline = "t", string? category = "c", string entry = "free",
        string extra = "", string extraPricing = "", string reviews = "")
    {
        var text = "---\n";
        if (name is not null) text += $"name: {name}\n";
        if (tagline is not null) text += $"tagline: {tagline}\n";
        if (category is not null) text += $"category: {category}\n";
        text += extra;
        text += $"pricing:\n  entry: {entry}\n  summary: s\n" + extraPricing;
        if (reviews.Length > 0) text += "reviews:\n" + reviews;
        return text + "---\nBody\n";
    }

    /// <summary>Every stored row, as text, to prove a refused import changed nothing.</summary>
    private string Snapshot()
    {
        using var connection = _db.Open();
        var rows = connection.Query<string>("""
            SELECT 'critic|' || Slug || '|' || Name || '|' || UpdatedAt FROM Critic
            UNION ALL SELECT 'category|' || Slug || '|' || Name FROM Category
            UNION ALL SELECT 'tool|' || Slug || '|' || Name || '|' || Version || '|' || UpdatedAt FROM Tool
            UNION ALL SELECT 'review|' || ToolId || '|' || CriticId || '|' || Score || '|' || Verdict FROM Review
            ORDER BY 1
            """);
        return string.Join('\n', rows);
    }
}
