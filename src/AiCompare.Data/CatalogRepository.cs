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
        const string sql = $"""
            SELECT {ToolColumns}
            FROM Tool t JOIN Category c ON c.Id = t.CategoryId
            WHERE t.Slug IN @Slugs AND t.IsPublished = 1
            """;
        await using var connection = db.Open();
        var rows = await connection.QueryAsync<ToolRow>(sql, new { Slugs = slugs });
        return rows.Select(r => r.ToDomain()).ToList();
    }

    /// <summary>Snapshots of the published tools among <paramref name="slugs"/>, in one round trip.</summary>
    public async Task<IReadOnlyList<ToolSnapshot>> LoadSnapshotsAsync(IReadOnlyCollection<string> slugs)
    {
        if (slugs.Count == 0) return [];
        const string sql = $"""
            SELECT {ToolColumns}
            FROM Tool t JOIN Category c ON c.Id = t.CategoryId
            WHERE t.Slug IN @Slugs AND t.IsPublished = 1;

            SELECT {ReviewColumns}
            FROM Review r JOIN Critic k ON k.Id = r.CriticId JOIN Tool t ON t.Id = r.ToolId
            WHERE t.Slug IN @Slugs AND t.IsPublished = 1;

            SELECT v.ToolId, v.Ships, v.Skips
            FROM VoteTally v JOIN Tool t ON t.Id = v.ToolId
            WHERE t.Slug IN @Slugs AND t.IsPublished = 1;
            """;
        await using var connection = db.Open();
        using var grid = await connection.QueryMultipleAsync(sql, new { Slugs = slugs });
        return await ReadSnapshotsAsync(grid);
    }

    /// <summary>
    /// Up to <paramref name="limit"/> snapshots of published tools with an id above
    /// <paramref name="afterId"/>, by id: a page at a time, for warming the read model.
    /// </summary>
    public async Task<IReadOnlyList<ToolSnapshot>> LoadSnapshotPageAsync(long afterId, int limit)
    {
        const string sql = $"""
            SELECT {ToolColumns}
            FROM Tool t JOIN Category c ON c.Id = t.CategoryId
            WHERE t.Id > @AfterId AND t.IsPublished = 1
            ORDER BY t.Id
            LIMIT @Limit;

            SELECT {ReviewColumns}
            FROM Review r JOIN Critic k ON k.Id = r.CriticId
            WHERE r.ToolId IN (SELECT Id FROM Tool WHERE Id > @AfterId AND IsPublished = 1 ORDER BY Id LIMIT @Limit);

            SELECT v.ToolId, v.Ships, v.Skips
            FROM VoteTally v
            WHERE v.ToolId IN (SELECT Id FROM Tool WHERE Id > @AfterId AND IsPublished = 1 ORDER BY Id LIMIT @Limit);
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

    public async Task<ToolPageData?> GetToolPageAsync(string slug)
    {
        const string sql = $"""
            SELECT {ToolColumns}
            FROM Tool t JOIN Category c ON c.Id = t.CategoryId
            WHERE t.Slug = @Slug AND t.IsPublished = 1;

            SELECT {CriticColumns} FROM Critic ORDER BY SortOrder, Slug;

            SELECT {ReviewColumns}
            FROM Review r JOIN Critic k ON k.Id = r.CriticId JOIN Tool t ON t.Id = r.ToolId
            WHERE t.Slug = @Slug;

            SELECT {SummaryColumns}
            FROM Tool t JOIN Category c ON c.Id = t.CategoryId
            WHERE t.CategoryId = (SELECT CategoryId FROM Tool WHERE Slug = @Slug)
              AND t.Slug <> @Slug AND t.IsPublished = 1
            ORDER BY t.Name COLLATE NOCASE, t.Slug
            LIMIT @Limit;

            SELECT COUNT(*) FROM Tool
            WHERE CategoryId = (SELECT CategoryId FROM Tool WHERE Slug = @Slug) AND Slug <> @Slug AND IsPublished = 1;

            SELECT h.At, h.Ships, h.Skips
            FROM VerdictHistory h JOIN Tool t ON t.Id = h.ToolId
            WHERE t.Slug = @Slug
            ORDER BY h.Id DESC
            LIMIT 50;

            SELECT v.ToolId, v.Ships, v.Skips FROM VoteTally v JOIN Tool t ON t.Id = v.ToolId WHERE t.Slug = @Slug;
            """;
        await using var connection = db.Open();
        using var grid = await connection.QueryMultipleAsync(sql, new { Slug = slug, Limit = SameCategoryLimit });
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

    /// <summary>Published tools by slug, a page at a time (the API), with the total.</summary>
    public async Task<(IReadOnlyList<ToolSummary> Tools, int Total)> PageAsync(int offset, int limit)
    {
        const string sql = $"""
            SELECT {SummaryColumns}
            FROM Tool t JOIN Category c ON c.Id = t.CategoryId
            WHERE t.IsPublished = 1
            ORDER BY t.Slug
            LIMIT @Limit OFFSET @Offset;
            SELECT COUNT(*) FROM Tool WHERE IsPublished = 1;
            """;
        await using var connection = db.Open();
        using var grid = await connection.QueryMultipleAsync(sql, new { Offset = offset, Limit = limit });
        var tools = (await grid.ReadAsync<SummaryRow>()).Select(r => r.ToDomain()).ToList();
        return (tools, await grid.ReadSingleAsync<int>());
    }

    /// <summary>
    /// One sitemap chunk: published tools in (category, name) order, each with the slugs of the next
    /// <c>3</c> tools of its category, so every tool lists its closest comparisons once.
    /// </summary>
    public async Task<IReadOnlyList<(string Slug, string? Next1, string? Next2, string? Next3, string? UpdatedAt)>> SitemapChunkAsync(int offset, int limit)
    {
        const string sql = """
            SELECT Slug, Next1, Next2, Next3, UpdatedAt FROM (
                SELECT t.Slug, t.UpdatedAt,
                       LEAD(t.Slug, 1) OVER w AS Next1, LEAD(t.Slug, 2) OVER w AS Next2, LEAD(t.Slug, 3) OVER w AS Next3,
                       ROW_NUMBER() OVER (ORDER BY t.CategoryId, t.Name, t.Id) AS Position
                FROM Tool t
                WHERE t.IsPublished = 1
                WINDOW w AS (PARTITION BY t.CategoryId ORDER BY t.Name, t.Id))
            WHERE Position > @Offset AND Position <= @Offset + @Limit
            ORDER BY Position
            """;
        await using var connection = db.Open();
        return (await connection.QueryAsync<(string, string?, string?, string?, string?)>(sql, new { Offset = offset, Limit = limit })).ToList();
    }

    public async Task<int> CountPublishedAsync()
    {
        await using var connection = db.Open();
        return await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM Tool WHERE IsPublished = 1");
    }

    /// <summary>Published tools by name, at most <paramref name="limit"/>, for the picker.</summary>
    public async Task<IReadOnlyList<ToolName>> ListNamesAsync(int limit)
    {
        const string sql = """
            SELECT Slug, Name FROM Tool WHERE IsPublished = 1
            ORDER BY Name COLLATE NOCASE, Slug
            LIMIT @Limit
            """;
        await using var connection = db.Open();
        return (await connection.QueryAsync<ToolName>(sql, new { Limit = limit })).ToList();
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
        const string sql = """
            SELECT s.OldSlug, t.Slug
            FROM SlugRedirect s JOIN Tool t ON t.Id = s.ToolId
            WHERE s.OldSlug IN @Slugs AND t.IsPublished = 1
            """;
        await using var connection = db.Open();
        var rows = await connection.QueryAsync<(string OldSlug, string Slug)>(sql, new { Slugs = slugs });
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
