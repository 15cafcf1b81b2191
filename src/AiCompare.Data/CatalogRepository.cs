using AiCompare.Domain;
using Dapper;

namespace AiCompare.Data;

/// <summary>Read side of the public catalog. Stateless; every method is one round trip.</summary>
public sealed class CatalogRepository(Db db)
{
    public const int SameCategoryLimit = 100;

    private const string ToolColumns = """
        t.Id, t.Slug, t.Name, t.Tagline, c.Name AS Category, c.Slug AS CategorySlug, t.Vendor, t.Website,
        t.ReviewedOn, t.BestFor, t.PricingEntry, t.PricingSummary, t.InputMicroUsd, t.OutputMicroUsd, t.DescriptionHtml
        """;

    private const string SummaryColumns = SummaryRow.Columns;

    private const string CriticColumns = """
        Slug, Name, Label, Role, Motto, SortOrder, ExcitedAbout, TiredOf, BioHtml
        """;

    private const string ReviewColumns = """
        r.ToolId, k.Slug AS CriticSlug, r.Score, r.Verdict, r.Quote
        """;

    /// <summary>The published tools among <paramref name="slugs"/>.</summary>
    public async Task<IReadOnlyList<Tool>> FindToolsAsync(IReadOnlyCollection<string> slugs)
    {
        if (slugs.Count == 0) return [];
        const string sqlite = $"""
            SELECT {ToolColumns}
            FROM Tool t JOIN Category c ON c.Id = t.CategoryId
            WHERE t.Slug IN @Slugs AND t.IsPublished = 1
            """;
        const string postgreSql = $"""
            SELECT {ToolColumns}
            FROM Tool t JOIN Category c ON c.Id = t.CategoryId
            WHERE t.Slug = ANY(@Slugs) AND t.IsPublished = 1
            """;
        await using var connection = db.Open();
        var rows = await connection.QueryAsync<ToolRow>(db.Sql(sqlite, postgreSql), new { Slugs = slugs.ToArray() });
        return rows.Select(r => r.ToDomain()).ToList();
    }

    /// <summary>Snapshots of the published tools among <paramref name="slugs"/>, in one round trip.</summary>
    public async Task<IReadOnlyList<ToolSnapshot>> LoadSnapshotsAsync(IReadOnlyCollection<string> slugs)
    {
        if (slugs.Count == 0) return [];
        const string sqlite = $"""
            SELECT {ToolColumns}
            FROM Tool t JOIN Category c ON c.Id = t.CategoryId
            WHERE t.Slug IN @Slugs AND t.IsPublished = 1;

            SELECT {ReviewColumns}
            FROM Review r JOIN Critic k ON k.Id = r.CriticId JOIN Tool t ON t.Id = r.ToolId
            WHERE t.Slug IN @Slugs AND t.IsPublished = 1
            ORDER BY r.ToolId, r.CriticId;

            SELECT v.ToolId, v.Ships, v.Skips
            FROM VoteTally v JOIN Tool t ON t.Id = v.ToolId
            WHERE t.Slug IN @Slugs AND t.IsPublished = 1;
            """;
        const string postgreSql = $"""
            SELECT {ToolColumns}
            FROM Tool t JOIN Category c ON c.Id = t.CategoryId
            WHERE t.Slug = ANY(@Slugs) AND t.IsPublished = 1;

            SELECT {ReviewColumns}
            FROM Review r JOIN Critic k ON k.Id = r.CriticId JOIN Tool t ON t.Id = r.ToolId
            WHERE t.Slug = ANY(@Slugs) AND t.IsPublished = 1
            ORDER BY r.ToolId, r.CriticId;

            SELECT v.ToolId, v.Ships, v.Skips
            FROM VoteTally v JOIN Tool t ON t.Id = v.ToolId
            WHERE t.Slug = ANY(@Slugs) AND t.IsPublished = 1;
            """;
        await using var connection = db.Open();
        using var grid = await connection.QueryMultipleAsync(db.Sql(sqlite, postgreSql), new { Slugs = slugs.ToArray() });
        return await ReadSnapshotsAsync(grid);
    }

    /// <summary>
    /// Up to <paramref name="limit"/> snapshots of published tools with an id above
    /// <paramref name="afterId"/>, by id: a page at a time, for warming the read model.
    /// </summary>
    public async Task<IReadOnlyList<ToolSnapshot>> LoadSnapshotPageAsync(long afterId, int limit)
    {
        // Reviews and tallies are read as a range of the ToolId index up to the page's last tool id, in the
        // index's order (each tool's reviews by critic, as LoadSnapshotsAsync gives them); an unpublished
        // tool's rows in the range are left out when the snapshots are put together. Asked for as
        // "ToolId IN (the page's ids)", PostgreSQL read every review to find the page's.
        const string PageEnd = "SELECT max(Id) FROM (SELECT Id FROM Tool WHERE Id > @AfterId AND IsPublished = 1 ORDER BY Id LIMIT @Limit) page";
        const string sql = $"""
            SELECT {ToolColumns}
            FROM Tool t JOIN Category c ON c.Id = t.CategoryId
            WHERE t.Id > @AfterId AND t.IsPublished = 1
            ORDER BY t.Id
            LIMIT @Limit;

            SELECT {ReviewColumns}
            FROM Review r JOIN Critic k ON k.Id = r.CriticId
            WHERE r.ToolId > @AfterId AND r.ToolId <= ({PageEnd})
            ORDER BY r.ToolId, r.CriticId;

            SELECT v.ToolId, v.Ships, v.Skips
            FROM VoteTally v
            WHERE v.ToolId > @AfterId AND v.ToolId <= ({PageEnd});
            """;
        await using var connection = db.Open();
        using var grid = await connection.QueryMultipleAsync(sql, new { AfterId = afterId, Limit = limit });
        return await ReadSnapshotsAsync(grid);
    }

    private static async Task<IReadOnlyList<ToolSnapshot>> ReadSnapshotsAsync(SqlMapper.GridReader grid)
    {
        var tools = (await grid.ReadAsync<ToolRow>()).Select(r => r.ToDomain()).ToList();
        var reviews = (await grid.ReadAsync<ReviewRow>()).Select(r => r.ToDomain()).ToLookup(r => r.ToolId);
        var tallies = (await grid.ReadAsync<TallyRow>()).ToDictionary(t => t.ToolId, t => new CommunityTally(t.Ships, t.Skips));
        return tools.Select(t => new ToolSnapshot(t, reviews[t.Id].ToList(), tallies.GetValueOrDefault(t.Id) ?? CommunityTally.None)).ToList();
    }

    /// <summary>The review panel, in panel order.</summary>
    public async Task<IReadOnlyList<Critic>> PanelAsync()
    {
        const string sql = $"SELECT {CriticColumns} FROM Critic ORDER BY SortOrder, Slug";
        await using var connection = db.Open();
        return (await connection.QueryAsync<CriticRow>(sql)).Select(r => r.ToDomain()).ToList();
    }

    /// <summary>
    /// A tool page's other tools of its category, by name: the first of them in IX_Tool_CategoryId_NameNoCase
    /// (0014), so a large category is neither read whole nor sorted.
    /// </summary>
    public const string SameCategorySql = $"""
        SELECT {SummaryColumns}
        FROM Tool t JOIN Category c ON c.Id = t.CategoryId
        WHERE t.CategoryId = (SELECT CategoryId FROM Tool WHERE Slug = @Slug)
          AND t.Slug <> @Slug AND t.IsPublished = 1
        ORDER BY t.Name COLLATE NOCASE, t.Slug
        LIMIT @Limit
        """;

    /// <summary>
    /// How many other published tools the tool's category holds: CategoryCount (kept by 0012's triggers)
    /// counts the published tools, this one among them, as only a published tool has a page.
    /// </summary>
    public const string SameCategoryCountSql = """
        SELECT COALESCE(MAX(n.Tools) - 1, 0) FROM CategoryCount n
        WHERE n.CategoryId = (SELECT CategoryId FROM Tool WHERE Slug = @Slug)
        """;

    /// <summary>A published tool's page; with <paramref name="drafts"/>, a draft's too (an editor's preview).</summary>
    public async Task<ToolPageData?> GetToolPageAsync(string slug, bool drafts = false)
    {
        const string sql = $"""
            SELECT {ToolColumns}
            FROM Tool t JOIN Category c ON c.Id = t.CategoryId
            WHERE t.Slug = @Slug AND (t.IsPublished = 1 OR @Drafts = 1);

            SELECT {CriticColumns} FROM Critic ORDER BY SortOrder, Slug;

            SELECT {ReviewColumns}
            FROM Review r JOIN Critic k ON k.Id = r.CriticId JOIN Tool t ON t.Id = r.ToolId
            WHERE t.Slug = @Slug;

            {SameCategorySql};

            {SameCategoryCountSql};

            SELECT h.At, h.Ships, h.Skips
            FROM VerdictHistory h JOIN Tool t ON t.Id = h.ToolId
            WHERE t.Slug = @Slug
            ORDER BY h.Id DESC
            LIMIT 50;

            SELECT v.ToolId, v.Ships, v.Skips FROM VoteTally v JOIN Tool t ON t.Id = v.ToolId WHERE t.Slug = @Slug;
            """;
        await using var connection = db.Open();
        using var grid = await connection.QueryMultipleAsync(sql, new { Slug = slug, Limit = SameCategoryLimit, Drafts = drafts ? 1 : 0 });
        var tool = (await grid.ReadAsync<ToolRow>()).SingleOrDefault();
        if (tool is null) return null;
        var panel = (await grid.ReadAsync<CriticRow>()).Select(r => r.ToDomain()).ToList();
        var reviews = (await grid.ReadAsync<ReviewRow>()).Select(r => r.ToDomain()).ToList();
        var same = (await grid.ReadAsync<SummaryRow>()).Select(r => r.ToDomain()).ToList();
        var total = await grid.ReadSingleAsync<int>();
        var history = (await grid.ReadAsync<HistoryRow>()).Select(h => new VerdictChange(h.At, new PanelSummary(h.Ships, h.Skips, 0))).ToList();
        var tally = (await grid.ReadAsync<TallyRow>()).SingleOrDefault();
        return new ToolPageData(tool.ToDomain(), panel, reviews, same, total, history,
            tally is null ? CommunityTally.None : new CommunityTally(tally.Ships, tally.Skips));
    }

    public async Task<HomeData> GetHomeAsync(int latest)
    {
        const string sql = $"""
            SELECT {SummaryColumns}
            FROM Tool t JOIN Category c ON c.Id = t.CategoryId
            WHERE t.IsPublished = 1
            ORDER BY t.ReviewedOn DESC, t.Name COLLATE NOCASE
            LIMIT @Latest;

            SELECT c.Slug, c.Name, n.Tools
            FROM CategoryCount n JOIN Category c ON c.Id = n.CategoryId
            WHERE n.Tools > 0
            ORDER BY c.Name COLLATE NOCASE;
            """;
        await using var connection = db.Open();
        using var grid = await connection.QueryMultipleAsync(sql, new { Latest = latest });
        var tools = (await grid.ReadAsync<SummaryRow>()).Select(r => r.ToDomain()).ToList();
        var categories = (await grid.ReadAsync<CategoryRow>()).Select(r => new CategoryCount(r.Slug, r.Name, r.Tools)).ToList();
        return new HomeData(tools, categories);
    }

    /// <summary>Published tools whose panel review falls in [<paramref name="from"/>, <paramref name="to"/>), newest first.</summary>
    public async Task<IReadOnlyList<ToolSummary>> ReviewedBetweenAsync(DateOnly from, DateOnly to, int limit)
    {
        const string sql = $"""
            SELECT {SummaryColumns}
            FROM Tool t JOIN Category c ON c.Id = t.CategoryId
            WHERE t.IsPublished = 1 AND t.ReviewedOn >= @From AND t.ReviewedOn < @To
            ORDER BY t.ReviewedOn DESC, t.Name COLLATE NOCASE
            LIMIT @Limit
            """;
        await using var connection = db.Open();
        return (await connection.QueryAsync<SummaryRow>(sql, new { From = from, To = to, Limit = limit })).Select(r => r.ToDomain()).ToList();
    }

    /// <summary>A category's newest published tools (by review date, then name), at most <paramref name="limit"/>.</summary>
    public async Task<IReadOnlyList<ToolName>> NewestInCategoryAsync(string categorySlug, int limit)
    {
        const string sql = """
            SELECT t.Slug, t.Name FROM Tool t
            WHERE t.CategoryId = (SELECT Id FROM Category WHERE Slug = @Category) AND t.IsPublished = 1
            ORDER BY t.ReviewedOn DESC, t.Name COLLATE NOCASE
            LIMIT @Limit
            """;
        await using var connection = db.Open();
        return (await connection.QueryAsync<ToolName>(sql, new { Category = categorySlug, Limit = limit })).ToList();
    }

    /// <summary>
    /// The API's list: published tools by slug, after <c>@After</c> (null for the first page). Keyset, not
    /// OFFSET: each page is a range read on UX_Tool_Slug however deep it is, and a tool added meanwhile
    /// never shifts a tool already listed into the next page.
    /// </summary>
    public const string ToolsAfterSql = $"""
        SELECT {SummaryColumns}
        FROM Tool t JOIN Category c ON c.Id = t.CategoryId
        WHERE t.IsPublished = 1 AND t.Slug > @After
        ORDER BY t.Slug
        LIMIT @Limit
        """;

    /// <summary>Up to <paramref name="limit"/> published tools by slug, after <paramref name="afterSlug"/> (null: from the start).</summary>
    public async Task<IReadOnlyList<ToolSummary>> ToolsAfterAsync(string? afterSlug, int limit)
    {
        await using var connection = db.Open();
        // Every slug sorts after the empty string, so the first page is the same range read.
        return (await connection.QueryAsync<SummaryRow>(ToolsAfterSql, new { After = afterSlug ?? "", Limit = limit })).Select(r => r.ToDomain()).ToList();
    }

    /// <summary>The newest published tools (by review date, then name), without the category counts the home page adds.</summary>
    public async Task<IReadOnlyList<ToolSummary>> LatestAsync(int limit)
    {
        // The newest ids first, then their panel counts: counted before the limit, every tool reviewed on the
        // newest day would be, as the sort by name within a day reads the whole day.
        const string sql = $"""
            SELECT {SummaryColumns}
            FROM (SELECT Id FROM Tool WHERE IsPublished = 1 ORDER BY ReviewedOn DESC, Name COLLATE NOCASE LIMIT @Limit) latest
            JOIN Tool t ON t.Id = latest.Id JOIN Category c ON c.Id = t.CategoryId
            ORDER BY t.ReviewedOn DESC, t.Name COLLATE NOCASE
            """;
        await using var connection = db.Open();
        return (await connection.QueryAsync<SummaryRow>(sql, new { Limit = limit })).Select(r => r.ToDomain()).ToList();
    }

    /// <summary>
    /// One sitemap file: the published tools with an id in (<paramref name="afterId"/>, <paramref name="afterId"/> +
    /// <paramref name="span"/>], each with the slugs of the next three tools of its category by name, so every
    /// tool lists its closest comparisons once. Ids never change, so a file keeps its tools as the catalog grows.
    /// </summary>
    public async Task<IReadOnlyList<(string Slug, string? Next1, string? Next2, string? Next3, string? UpdatedAt)>> SitemapChunkAsync(long afterId, int span)
    {
        // Each neighbour is one seek on IX_Tool_CategoryId_Name: the bare Name >= bounds the range, the OR breaks ties by id.
        const string next = """
            (SELECT n.Slug FROM Tool n
             WHERE n.CategoryId = t.CategoryId AND n.IsPublished = 1 AND n.Name >= t.Name AND (n.Name > t.Name OR n.Id > t.Id)
             ORDER BY n.Name, n.Id LIMIT 1 OFFSET
            """;
        const string sql = $"""
            SELECT t.Slug, {next} 0) AS Next1, {next} 1) AS Next2, {next} 2) AS Next3, t.UpdatedAt
            FROM Tool t
            WHERE t.Id > @AfterId AND t.Id <= @AfterId + @Span AND t.IsPublished = 1
            ORDER BY t.Id
            """;
        await using var connection = db.Open();
        return (await connection.QueryAsync<(string, string?, string?, string?, string?)>(sql, new { AfterId = afterId, Span = span })).ToList();
    }

    /// <summary>The highest tool id in use (0 for an empty catalog): how far the sitemap files reach.</summary>
    public async Task<long> MaxToolIdAsync()
    {
        await using var connection = db.Open();
        return await connection.ExecuteScalarAsync<long>("SELECT COALESCE(MAX(Id), 0) FROM Tool");
    }

    /// <summary>Published tools named <paramref name="name"/>, ignoring ASCII case (a name the picker was typed); at most two.</summary>
    public async Task<IReadOnlyList<ToolName>> FindByNameAsync(string name)
    {
        const string sql = """
            SELECT Slug, Name FROM Tool
            WHERE Name = @Name COLLATE NOCASE AND IsPublished = 1
            ORDER BY Id
            LIMIT 2
            """;
        await using var connection = db.Open();
        return (await connection.QueryAsync<ToolName>(sql, new { Name = name })).ToList();
    }

    public async Task<int> CountPublishedAsync()
    {
        await using var connection = db.Open();
        return await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM Tool WHERE IsPublished = 1");
    }

    /// <summary>Candidates for "did you mean": tools whose slug shares a short prefix with a typed one.</summary>
    public async Task<IReadOnlyList<ToolName>> FindByPrefixesAsync(IReadOnlyCollection<string> prefixes)
    {
        if (prefixes.Count == 0) return [];
        await using var connection = db.Open();
        var found = new Dictionary<string, ToolName>(StringComparer.Ordinal);
        // Range scans on UX_Tool_Slug: prefix <= Slug < prefix + '\uffff'; one query per typed slug (at most two).
        const string sql = """
            SELECT Slug, Name FROM Tool
            WHERE Slug >= @From AND Slug < @To AND IsPublished = 1
            ORDER BY Slug
            LIMIT 200
            """;
        foreach (var prefix in prefixes.Distinct(StringComparer.Ordinal).Take(2))
        {
            foreach (var t in await connection.QueryAsync<ToolName>(sql, new { From = prefix, To = prefix + "\uffff" }))
                found.TryAdd(t.Slug, t);
        }
        return found.Values.ToList();
    }

    /// <summary>Old slugs (from renames) among <paramref name="slugs"/>, mapped to their published tool's slug now.</summary>
    public async Task<IReadOnlyDictionary<string, string>> FindRedirectsAsync(IReadOnlyCollection<string> slugs)
    {
        if (slugs.Count == 0) return new Dictionary<string, string>();
        const string sqlite = """
            SELECT s.OldSlug, t.Slug
            FROM SlugRedirect s JOIN Tool t ON t.Id = s.ToolId
            WHERE s.OldSlug IN @Slugs AND t.IsPublished = 1
            """;
        const string postgreSql = """
            SELECT s.OldSlug, t.Slug
            FROM SlugRedirect s JOIN Tool t ON t.Id = s.ToolId
            WHERE s.OldSlug = ANY(@Slugs) AND t.IsPublished = 1
            """;
        await using var connection = db.Open();
        var rows = await connection.QueryAsync<(string OldSlug, string Slug)>(db.Sql(sqlite, postgreSql), new { Slugs = slugs.ToArray() });
        return rows.ToDictionary(r => r.OldSlug, r => r.Slug, StringComparer.Ordinal);
    }

    public async Task<int> CountToolsAsync()
    {
        await using var connection = db.Open();
        return await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM Tool");
    }

    /// <summary>True when the database answers and its schema is in place.</summary>
    public async Task<bool> PingAsync()
    {
        await using var connection = db.Open();
        return await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM SchemaMigrations") > 0;
    }

    private sealed class TallyRow
    {
        public long ToolId { get; init; }
        public int Ships { get; init; }
        public int Skips { get; init; }
    }

    private sealed class HistoryRow
    {
        public string At { get; init; } = "";
        public int Ships { get; init; }
        public int Skips { get; init; }
    }

    private sealed class CategoryRow
    {
        public string Slug { get; init; } = "";
        public string Name { get; init; } = "";
        public int Tools { get; init; }
    }

    private sealed class ReviewRow
    {
        public long ToolId { get; init; }
        public string CriticSlug { get; init; } = "";
        public int Score { get; init; }
        public string Verdict { get; init; } = "";
        public string Quote { get; init; } = "";

        // A handful of critics review thousands of tools: their slugs are interned, as categories are (see ToolRow).
        public Review ToDomain() => new(
            ToolId, string.Intern(CriticSlug), Score, Verdict == "ship" ? ReviewVerdict.Ship : ReviewVerdict.Skip, Quote);
    }
}
