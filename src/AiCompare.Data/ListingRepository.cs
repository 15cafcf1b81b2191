using AiCompare.Domain;
using Dapper;

namespace AiCompare.Data;

/// <summary>
/// The critic and category pages. Lists are read a page at a time by key (see <see cref="ListCursor"/>),
/// each an index range; counts come from the tables that migration 0012's triggers keep, so no request
/// scans the catalog.
/// </summary>
public sealed class ListingRepository(Db db)
{
    /// <summary>Items per page of a long list.</summary>
    public const int PageSize = 50;

    /// <summary>
    /// A critic, their counts by category, and the page of their verdicts after <paramref name="after"/>
    /// (all categories, or <paramref name="categorySlug"/>'s): highest score first, ties newest tool first.
    /// Null when there is no such critic.
    /// </summary>
    public async Task<CriticPageData?> CriticPageAsync(string slug, string? categorySlug, ListCursor? after)
    {
        const string head = """
            SELECT Slug, Name, Label, Role, Motto, SortOrder, ExcitedAbout, TiredOf, BioHtml FROM Critic WHERE Slug = @Slug;

            SELECT Id FROM Critic WHERE Slug = @Slug;

            SELECT c.Slug, c.Name, n.Tools, n.Shipped
            FROM CriticCategoryCount n JOIN Critic k ON k.Id = n.CriticId JOIN Category c ON c.Id = n.CategoryId
            WHERE k.Slug = @Slug AND n.Tools > 0
            ORDER BY c.Name COLLATE NOCASE;

            SELECT Id FROM Category WHERE Slug = @Category;
            """;
        await using var connection = db.Open();
        long criticId;
        Critic critic;
        List<CriticCategory> categories;
        long? categoryId;
        using (var grid = await connection.QueryMultipleAsync(head, new { Slug = slug, Category = categorySlug }))
        {
            var row = (await grid.ReadAsync<CriticRow>()).SingleOrDefault();
            if (row is null) return null;
            critic = row.ToDomain();
            criticId = await grid.ReadSingleAsync<long>();
            categories = (await grid.ReadAsync<CountRow>()).Select(c => new CriticCategory(c.Slug, c.Name, c.Tools, c.Shipped)).ToList();
            categoryId = (await grid.ReadAsync<long>()).Cast<long?>().SingleOrDefault();
        }
        if (categorySlug is not null && categoryId is null) return new CriticPageData(critic, categories, Empty<CriticVerdict>());

        var queries = categoryId is null ? AllVerdicts : CategoryVerdicts;
        var page = await PageAsync<VerdictRow, CriticVerdict>(
            connection, queries, new { CriticId = criticId, CategoryId = categoryId }, after,
            r => new ListCursor(r.Score, r.ToolId),
            r => new CriticVerdict(r.ToolSlug, r.ToolName, r.Category, r.CategorySlug, r.Score, r.Verdict == "ship" ? ReviewVerdict.Ship : ReviewVerdict.Skip, r.Quote));
        return new CriticPageData(critic, categories, page);
    }

    // A critic's verdicts, best first: descending (Score, ToolId). On IX_Review_CriticId_Score.
    private static readonly PageQueries AllVerdicts = new(
        First: $"""
            {VerdictSelect}
            WHERE r.CriticId = @CriticId AND r.ToolIsPublished = 1
            ORDER BY r.Score DESC, r.ToolId DESC
            LIMIT @Take
            """,
        After: $"""
            {VerdictSelect}
            WHERE r.CriticId = @CriticId AND r.ToolIsPublished = 1 AND (r.Score, r.ToolId) < (@Key, @Id)
            ORDER BY r.Score DESC, r.ToolId DESC
            LIMIT @Take
            """,
        Before: """
            SELECT (SELECT COUNT(*) FROM Review r WHERE r.CriticId = @CriticId AND r.ToolIsPublished = 1 AND r.Score > @Key)
                 + (SELECT COUNT(*) FROM Review r WHERE r.CriticId = @CriticId AND r.ToolIsPublished = 1 AND r.Score = @Key AND r.ToolId >= @Id)
            """,
        Previous: """
            SELECT r.Score AS Key, r.ToolId AS Id FROM Review r
            WHERE r.CriticId = @CriticId AND r.ToolIsPublished = 1 AND (r.Score, r.ToolId) >= (@Key, @Id)
            ORDER BY r.Score, r.ToolId
            LIMIT 1 OFFSET @Size
            """);

    // One category's verdicts of a critic, in the same order. On IX_Review_CriticId_ToolCategoryId_Score.
    private static readonly PageQueries CategoryVerdicts = new(
        First: $"""
            {VerdictSelect}
            WHERE r.CriticId = @CriticId AND r.ToolCategoryId = @CategoryId AND r.ToolIsPublished = 1
            ORDER BY r.Score DESC, r.ToolId DESC
            LIMIT @Take
            """,
        After: $"""
            {VerdictSelect}
            WHERE r.CriticId = @CriticId AND r.ToolCategoryId = @CategoryId AND r.ToolIsPublished = 1 AND (r.Score, r.ToolId) < (@Key, @Id)
            ORDER BY r.Score DESC, r.ToolId DESC
            LIMIT @Take
            """,
        Before: """
            SELECT (SELECT COUNT(*) FROM Review r WHERE r.CriticId = @CriticId AND r.ToolCategoryId = @CategoryId AND r.ToolIsPublished = 1 AND r.Score > @Key)
                 + (SELECT COUNT(*) FROM Review r WHERE r.CriticId = @CriticId AND r.ToolCategoryId = @CategoryId AND r.ToolIsPublished = 1 AND r.Score = @Key AND r.ToolId >= @Id)
            """,
        Previous: """
            SELECT r.Score AS Key, r.ToolId AS Id FROM Review r
            WHERE r.CriticId = @CriticId AND r.ToolCategoryId = @CategoryId AND r.ToolIsPublished = 1 AND (r.Score, r.ToolId) >= (@Key, @Id)
            ORDER BY r.Score, r.ToolId
            LIMIT 1 OFFSET @Size
            """);

    private const string VerdictSelect = """
        SELECT r.ToolId, r.Score, r.Verdict, r.Quote, t.Slug AS ToolSlug, t.Name AS ToolName, c.Name AS Category, c.Slug AS CategorySlug
        FROM Review r JOIN Tool t ON t.Id = r.ToolId JOIN Category c ON c.Id = r.ToolCategoryId
        """;

    /// <summary>
    /// A category with its published-tool count, and the page of its tools after <paramref name="after"/>,
    /// ranked by the panel (ship share, then average score; see <c>Tool.PanelRank</c>), ties by id. Community
    /// votes are shown but do not rank: they move all day, and a cursor must not. Null when the category
    /// is unknown or has no published tools.
    /// </summary>
    public async Task<CategoryPageData?> CategoryPageAsync(string slug, ListCursor? after)
    {
        const string head = """
            SELECT c.Id, c.Slug, c.Name, COALESCE(n.Tools, 0) AS Tools
            FROM Category c LEFT JOIN CategoryCount n ON n.CategoryId = c.Id
            WHERE c.Slug = @Slug
            """;
        await using var connection = db.Open();
        var category = await connection.QuerySingleOrDefaultAsync<CountRow>(head, new { Slug = slug });
        if (category is null || category.Tools == 0) return null;
        var page = await PageAsync<RankedRow, RankedTool>(
            connection, Ranking, new { CategoryId = category.Id }, after,
            r => new ListCursor(r.PanelRank, r.Id),
            r => new RankedTool(r.ToDomain(), r.Community));
        return new CategoryPageData(new CategoryCount(category.Slug, category.Name, category.Tools), page);
    }

    // A category's tools, best first: ascending (PanelRank, Id). On IX_Tool_CategoryId_PanelRank.
    private static readonly PageQueries Ranking = new(
        First: $"""
            {RankedSelect}
            WHERE t.CategoryId = @CategoryId AND t.IsPublished = 1
            ORDER BY t.PanelRank, t.Id
            LIMIT @Take
            """,
        After: $"""
            {RankedSelect}
            WHERE t.CategoryId = @CategoryId AND t.IsPublished = 1 AND (t.PanelRank, t.Id) > (@Key, @Id)
            ORDER BY t.PanelRank, t.Id
            LIMIT @Take
            """,
        Before: """
            SELECT (SELECT COUNT(*) FROM Tool t WHERE t.CategoryId = @CategoryId AND t.IsPublished = 1 AND t.PanelRank < @Key)
                 + (SELECT COUNT(*) FROM Tool t WHERE t.CategoryId = @CategoryId AND t.IsPublished = 1 AND t.PanelRank = @Key AND t.Id <= @Id)
            """,
        Previous: """
            SELECT t.PanelRank AS Key, t.Id FROM Tool t
            WHERE t.CategoryId = @CategoryId AND t.IsPublished = 1 AND (t.PanelRank, t.Id) <= (@Key, @Id)
            ORDER BY t.PanelRank DESC, t.Id DESC
            LIMIT 1 OFFSET @Size
            """);

    private const string RankedSelect = $"""
        SELECT t.Id, t.PanelRank, {SummaryRow.Columns}, COALESCE(v.Ships, 0) AS VoteShips, COALESCE(v.Skips, 0) AS VoteSkips
        FROM Tool t JOIN Category c ON c.Id = t.CategoryId LEFT JOIN VoteTally v ON v.ToolId = t.Id
        """;

    /// <summary>
    /// The page after <paramref name="after"/> (the first page when null), with how many items precede it
    /// (an index-only COUNT up to the cursor) and the cursor of the page before it (the item
    /// <see cref="PageSize"/> places back), in one round trip. The COUNTs are split into "key before the
    /// cursor's" plus "same key, id up to the cursor's": two plain ranges, which SQLite counts without
    /// comparing a row value per index entry.
    /// </summary>
    private static async Task<ListPage<T>> PageAsync<TRow, T>(
        System.Data.Common.DbConnection connection, PageQueries queries, object filter, ListCursor? after,
        Func<TRow, ListCursor> cursorOf, Func<TRow, T> map)
    {
        var parameters = new DynamicParameters(filter);
        parameters.Add("Take", PageSize + 1);
        parameters.Add("Size", PageSize);
        List<TRow> rows;
        var before = 0;
        ListCursor? previous = null;
        if (after is not { } cursor)
        {
            rows = (await connection.QueryAsync<TRow>(queries.First, parameters)).ToList();
        }
        else
        {
            parameters.Add("Key", cursor.Key);
            parameters.Add("Id", cursor.Id);
            using var grid = await connection.QueryMultipleAsync(queries.After + ";\n" + queries.Before + ";\n" + queries.Previous, parameters);
            rows = (await grid.ReadAsync<TRow>()).ToList();
            before = await grid.ReadSingleAsync<int>();
            previous = (await grid.ReadAsync<CursorRow>()).Select(c => (ListCursor?)new ListCursor(c.Key, c.Id)).SingleOrDefault();
        }
        var more = rows.Count > PageSize;
        if (more) rows.RemoveAt(rows.Count - 1);
        var next = more ? cursorOf(rows[^1]) : (ListCursor?)null;
        return new ListPage<T>(rows.Select(map).ToList(), before, PageSize, next, before > 0, previous);
    }

    private static ListPage<T> Empty<T>() => new([], 0, PageSize, null, false, null);

    /// <summary>Every paged statement, named, for the query-plan tests.</summary>
    internal static IEnumerable<(string Name, string Sql)> PagedStatements() =>
        new[] { ("critic verdicts", AllVerdicts), ("critic verdicts in a category", CategoryVerdicts), ("category ranking", Ranking) }
            .SelectMany(q => new[] { (q.Item1 + ": first", q.Item2.First), (q.Item1 + ": after", q.Item2.After), (q.Item1 + ": before", q.Item2.Before), (q.Item1 + ": previous", q.Item2.Previous) });

    /// <summary>The four statements of a keyset-paged list.</summary>
    private sealed record PageQueries(string First, string After, string Before, string Previous);

    private sealed class CursorRow
    {
        public long Key { get; init; }
        public long Id { get; init; }
    }

    private sealed class CountRow
    {
        public long Id { get; init; }
        public string Slug { get; init; } = "";
        public string Name { get; init; } = "";
        public int Tools { get; init; }
        public int Shipped { get; init; }
    }

    private sealed class VerdictRow
    {
        public long ToolId { get; init; }
        public int Score { get; init; }
        public string Verdict { get; init; } = "";
        public string Quote { get; init; } = "";
        public string ToolSlug { get; init; } = "";
        public string ToolName { get; init; } = "";
        public string Category { get; init; } = "";
        public string CategorySlug { get; init; } = "";
    }

    /// <summary>A category list's row: the tool summary with the keyset position it is paged by.</summary>
    private sealed class RankedRow : SummaryRow
    {
        public long Id { get; init; }
        public long PanelRank { get; init; }
    }
}
