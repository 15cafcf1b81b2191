using AiCompare.Domain;
using Dapper;

namespace AiCompare.Data;

/// <summary>A critic's call on one tool, for the critic's page.</summary>
public sealed record CriticVerdict(string ToolSlug, string ToolName, string Category, string CategorySlug, int Score, ReviewVerdict Verdict, string Quote);

/// <summary>How many tools of a category a critic reviewed, and shipped.</summary>
public sealed record CriticCategory(string Slug, string Name, int Tools, int Shipped);

/// <summary>The critic page: who they are, and their verdicts (optionally one category's).</summary>
public sealed record CriticPageData(Critic Critic, IReadOnlyList<CriticCategory> Categories, IReadOnlyList<CriticVerdict> Verdicts);

/// <summary>A ranked line of a category page.</summary>
public sealed record RankedTool(ToolSummary Tool, CommunityTally Community);

/// <summary>A category page: its tools ranked by panel ship %, then panel average, then community.</summary>
public sealed record CategoryPageData(CategoryCount Category, IReadOnlyList<RankedTool> Tools);

/// <summary>Reads for browsing: critics, categories.</summary>
public sealed class DiscoveryRepository(Db db)
{
    public const int VerdictLimit = 2000;
    public const int CategoryLimit = 500;

    public async Task<IReadOnlyList<(Critic Critic, int Reviews)>> CriticsAsync()
    {
        const string sql = """
            SELECT k.Slug, k.Name, k.Label, k.Role, k.Motto, k.SortOrder, k.ExcitedAbout, k.TiredOf, k.BioHtml,
                   (SELECT COUNT(*) FROM Review r JOIN Tool t ON t.Id = r.ToolId WHERE r.CriticId = k.Id AND t.IsPublished = 1) AS Reviews
            FROM Critic k ORDER BY k.SortOrder, k.Slug
            """;
        await using var connection = db.Open();
        var rows = await connection.QueryAsync<CriticRow>(sql);
        return rows.Select(r => (r.ToDomain(), r.Reviews)).ToList();
    }

    public async Task<CriticPageData?> CriticPageAsync(string slug, string? categorySlug)
    {
        const string sql = """
            SELECT Slug, Name, Label, Role, Motto, SortOrder, ExcitedAbout, TiredOf, BioHtml FROM Critic WHERE Slug = @Slug;

            SELECT c.Slug, c.Name, COUNT(*) AS Tools, SUM(r.Verdict = 'ship') AS Shipped
            FROM Review r JOIN Critic k ON k.Id = r.CriticId JOIN Tool t ON t.Id = r.ToolId JOIN Category c ON c.Id = t.CategoryId
            WHERE k.Slug = @Slug AND t.IsPublished = 1
            GROUP BY c.Id ORDER BY c.Name COLLATE NOCASE;

            SELECT t.Slug AS ToolSlug, t.Name AS ToolName, c.Name AS Category, c.Slug AS CategorySlug, r.Score, r.Verdict, r.Quote
            FROM Review r JOIN Critic k ON k.Id = r.CriticId JOIN Tool t ON t.Id = r.ToolId JOIN Category c ON c.Id = t.CategoryId
            WHERE k.Slug = @Slug AND t.IsPublished = 1 AND (@Category IS NULL OR c.Slug = @Category)
            ORDER BY c.Name COLLATE NOCASE, r.Score DESC, t.Name COLLATE NOCASE
            LIMIT @Limit;
            """;
        await using var connection = db.Open();
        using var grid = await connection.QueryMultipleAsync(sql, new { Slug = slug, Category = categorySlug, Limit = VerdictLimit });
        var critic = (await grid.ReadAsync<CriticRow>()).SingleOrDefault();
        if (critic is null) return null;
        var categories = (await grid.ReadAsync<CategoryTally>()).Select(c => new CriticCategory(c.Slug, c.Name, c.Tools, c.Shipped)).ToList();
        var verdicts = (await grid.ReadAsync<VerdictRow>()).Select(v => new CriticVerdict(
            v.ToolSlug, v.ToolName, v.Category, v.CategorySlug, v.Score, v.Verdict == "ship" ? ReviewVerdict.Ship : ReviewVerdict.Skip, v.Quote)).ToList();
        return new CriticPageData(critic.ToDomain(), categories, verdicts);
    }

    public async Task<IReadOnlyList<CategoryCount>> CategoriesAsync()
    {
        const string sql = """
            SELECT c.Slug, c.Name, COUNT(t.Id) AS Tools
            FROM Category c JOIN Tool t ON t.CategoryId = c.Id AND t.IsPublished = 1
            GROUP BY c.Id ORDER BY c.Name COLLATE NOCASE
            """;
        await using var connection = db.Open();
        return (await connection.QueryAsync<CategoryTally>(sql)).Select(c => new CategoryCount(c.Slug, c.Name, c.Tools)).ToList();
    }

    /// <summary>The slugs of categories with a published tool, by name: one indexed probe per category, whatever the catalog's size.</summary>
    public async Task<IReadOnlyList<string>> CategorySlugsAsync()
    {
        const string sql = """
            SELECT c.Slug FROM Category c
            WHERE EXISTS (SELECT 1 FROM Tool t WHERE t.CategoryId = c.Id AND t.IsPublished = 1)
            ORDER BY c.Name COLLATE NOCASE
            """;
        await using var connection = db.Open();
        return (await connection.QueryAsync<string>(sql)).ToList();
    }

    public async Task<CategoryPageData?> CategoryPageAsync(string slug)
    {
        const string sql = $"""
            SELECT c.Slug, c.Name, (SELECT COUNT(*) FROM Tool WHERE CategoryId = c.Id AND IsPublished = 1) AS Tools
            FROM Category c WHERE c.Slug = @Slug;

            SELECT Slug, Name, Tagline, Category, CategorySlug, ReviewedOn, PricingEntry, Ships, Skips, ScoreTotal, VoteShips, VoteSkips FROM (
                SELECT {SummaryRow.Columns}, COALESCE(v.Ships, 0) AS VoteShips, COALESCE(v.Skips, 0) AS VoteSkips
                FROM Tool t JOIN Category c ON c.Id = t.CategoryId LEFT JOIN VoteTally v ON v.ToolId = t.Id
                WHERE c.Slug = @Slug AND t.IsPublished = 1) ranked
            ORDER BY CASE WHEN Ships + Skips = 0 THEN -1.0 ELSE Ships * 1.0 / (Ships + Skips) END DESC,
                     CASE WHEN Ships + Skips = 0 THEN -1.0 ELSE ScoreTotal * 1.0 / (Ships + Skips) END DESC,
                     CASE WHEN VoteShips + VoteSkips = 0 THEN -1.0 ELSE VoteShips * 1.0 / (VoteShips + VoteSkips) END DESC,
                     Name COLLATE NOCASE
            LIMIT @Limit;
            """;
        await using var connection = db.Open();
        using var grid = await connection.QueryMultipleAsync(sql, new { Slug = slug, Limit = CategoryLimit });
        var category = (await grid.ReadAsync<CategoryTally>()).SingleOrDefault();
        if (category is null || category.Tools == 0) return null;
        var tools = (await grid.ReadAsync<SummaryRow>()).Select(r => new RankedTool(r.ToDomain(), r.Community)).ToList();
        return new CategoryPageData(new CategoryCount(category.Slug, category.Name, category.Tools), tools);
    }

    private sealed class CategoryTally
    {
        public string Slug { get; init; } = "";
        public string Name { get; init; } = "";
        public int Tools { get; init; }
        public int Shipped { get; init; }
    }

    private sealed class VerdictRow
    {
        public string ToolSlug { get; init; } = "";
        public string ToolName { get; init; } = "";
        public string Category { get; init; } = "";
        public string CategorySlug { get; init; } = "";
        public int Score { get; init; }
        public string Verdict { get; init; } = "";
        public string Quote { get; init; } = "";
    }
}
