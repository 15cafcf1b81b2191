using AiCompare.Domain;
using Dapper;

namespace AiCompare.Data;

/// <summary>
/// Reads for browsing: the panel and the categories, with their counts read from the tables that
/// migration 0012's triggers keep (the paged critic and category pages are in ListingRepository).
/// </summary>
public sealed class DiscoveryRepository(Db db)
{
    internal const string CriticsSql = """
        SELECT k.Slug, k.Name, k.Label, k.Role, k.Motto, k.SortOrder, k.ExcitedAbout, k.TiredOf, k.BioHtml,
               COALESCE((SELECT SUM(n.Tools) FROM CriticCategoryCount n WHERE n.CriticId = k.Id), 0) AS Reviews
        FROM Critic k ORDER BY k.SortOrder, k.Slug
        """;

    /// <summary>The panel in panel order, each critic with their reviews of published tools.</summary>
    public async Task<IReadOnlyList<(Critic Critic, int Reviews)>> CriticsAsync()
    {
        await using var connection = db.Open();
        var rows = await connection.QueryAsync<CriticRow>(CriticsSql);
        return rows.Select(r => (r.ToDomain(), r.Reviews)).ToList();
    }

    internal const string CategoriesSql = """
        SELECT c.Slug, c.Name, n.Tools
        FROM CategoryCount n JOIN Category c ON c.Id = n.CategoryId
        WHERE n.Tools > 0
        ORDER BY c.Name COLLATE NOCASE
        """;

    /// <summary>Categories with published tools, by name, with how many.</summary>
    public async Task<IReadOnlyList<CategoryCount>> CategoriesAsync()
    {
        await using var connection = db.Open();
        return (await connection.QueryAsync<CategoryTally>(CategoriesSql)).Select(c => new CategoryCount(c.Slug, c.Name, c.Tools)).ToList();
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

    private sealed class CategoryTally
    {
        public string Slug { get; init; } = "";
        public string Name { get; init; } = "";
        public int Tools { get; init; }
    }
}
