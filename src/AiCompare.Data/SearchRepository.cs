using Dapper;

namespace AiCompare.Data;

/// <summary>
/// A search hit. Highlighted fields mark matches with U+0001 … U+0002, so the page can HTML-encode
/// the text first and turn only those markers into &lt;mark&gt;.
/// </summary>
public sealed record SearchHit(string Slug, string Name, string Category, string CategorySlug, string NameMarked, string TaglineMarked, string SnippetMarked);

/// <summary>Full-text search over tools with SQLite FTS5, ranked by bm25 (name weighs most).</summary>
public sealed class SearchRepository(Db db)
{
    public const string MarkStart = "\u0001";
    public const string MarkEnd = "\u0002";

    public async Task<IReadOnlyList<SearchHit>> SearchAsync(string match, int limit)
    {
        const string sql = """
            SELECT t.Slug, t.Name, c.Name AS Category, c.Slug AS CategorySlug,
                   CAST(highlight(ToolSearch, 0, char(1), char(2)) AS TEXT) AS NameMarked,
                   CAST(highlight(ToolSearch, 1, char(1), char(2)) AS TEXT) AS TaglineMarked,
                   CAST(snippet(ToolSearch, 4, char(1), char(2), '…', 16) AS TEXT) AS SnippetMarked
            FROM ToolSearch s
            JOIN Tool t ON t.Id = s.rowid
            JOIN Category c ON c.Id = t.CategoryId
            WHERE ToolSearch MATCH @Match AND t.IsPublished = 1
            ORDER BY bm25(ToolSearch, 10.0, 5.0, 3.0, 3.0, 1.0)
            LIMIT @Limit
            """;
        await using var connection = db.Open();
        var rows = await connection.QueryAsync<HitRow>(sql, new { Match = match, Limit = limit });
        return rows.Select(r => new SearchHit(r.Slug, r.Name, r.Category, r.CategorySlug, Text(r.NameMarked), Text(r.TaglineMarked), Text(r.SnippetMarked))).ToList();
    }

    // FTS5's auxiliary functions come back typed by their first value; take text either way.
    private static string Text(object? value) => value switch
    {
        string s => s,
        byte[] b => System.Text.Encoding.UTF8.GetString(b),
        null => "",
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "",
    };

    private sealed class HitRow
    {
        public string Slug { get; init; } = "";
        public string Name { get; init; } = "";
        public string Category { get; init; } = "";
        public string CategorySlug { get; init; } = "";
        public object? NameMarked { get; init; }
        public object? TaglineMarked { get; init; }
        public object? SnippetMarked { get; init; }
    }
}
