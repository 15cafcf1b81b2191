using Dapper;

namespace AiCompare.Data;

/// <summary>
/// A search hit. Highlighted fields mark matches with U+0001 … U+0002, so the page can HTML-encode
/// the text first and turn only those markers into &lt;mark&gt;.
/// </summary>
public sealed record SearchHit(string Slug, string Name, string Category, string CategorySlug, string NameMarked, string TaglineMarked, string SnippetMarked);

/// <summary>A tool to choose in the picker: its slug, name and category's name.</summary>
public sealed record ToolChoice(string Slug, string Name, string Category);

/// <summary>
/// Full-text search over tools, in tiers (name, tagline, anywhere) each ranked: SQLite's FTS5 with bm25, or
/// PostgreSQL's tsvector with ts_rank over the same weights (name, tagline, vendor and category, description),
/// accents folded on both. Each method keeps its two dialects' statements side by side.
/// </summary>
public sealed class SearchRepository(Db db)
{
    public const string MarkStart = "\u0001";
    public const string MarkEnd = "\u0002";

    /// <summary>How many of a statement's newest matches bm25 scores at most; more than a page, so the page is the best of them.</summary>
    public const int RankWindow = 200;

    /// <summary>
    /// The whole query's best published matches with their highlights, ranked by FTS5's own rank column (bm25
    /// with these weights, set per query by "rank MATCH") so FTS5 sorts them itself and the LIMIT stops the
    /// join after the kept rows: highlight() and snippet() run for those rows only. FTS5 scores every row it
    /// is asked to sort, so the rowid floor (the @Window-th newest match, found by walking the doclist without
    /// scoring, materialized so that the walk happens once) keeps the scored rows to at most @Window however
    /// many tools match. Floor is 0 when there are fewer matches: then every match was scored.
    /// </summary>
    public const string SearchSql = """
        WITH Floor AS MATERIALIZED (
            SELECT COALESCE((SELECT w.rowid FROM ToolSearch w WHERE ToolSearch MATCH @Match ORDER BY w.rowid DESC LIMIT 1 OFFSET @Window - 1), 0) AS Id
        )
        SELECT s.rowid AS Id, (SELECT Id FROM Floor) AS Floor, t.Slug, t.Name, c.Name AS Category, c.Slug AS CategorySlug,
               CAST(highlight(ToolSearch, 0, char(1), char(2)) AS TEXT) AS NameMarked,
               CAST(highlight(ToolSearch, 1, char(1), char(2)) AS TEXT) AS TaglineMarked,
               CAST(snippet(ToolSearch, 4, char(1), char(2), '…', 16) AS TEXT) AS SnippetMarked
        FROM ToolSearch s
        JOIN Tool t ON t.Id = s.rowid
        JOIN Category c ON c.Id = t.CategoryId
        WHERE ToolSearch MATCH @Match AND s.rank MATCH 'bm25(10.0, 5.0, 3.0, 3.0, 1.0)' AND t.IsPublished = 1
          AND s.rowid >= (SELECT Id FROM Floor)
        ORDER BY s.rank
        LIMIT @Limit
        """;

    /// <summary>
    /// A narrower tier (the query under a column filter): the ids of its best published matches, ranked and
    /// bounded as <see cref="SearchSql"/> is. No highlights: under a column filter they mark that column only.
    /// </summary>
    public const string TierSql = """
        WITH Floor AS MATERIALIZED (
            SELECT COALESCE((SELECT w.rowid FROM ToolSearch w WHERE ToolSearch MATCH @Tier ORDER BY w.rowid DESC LIMIT 1 OFFSET @Window - 1), 0) AS Id
        )
        SELECT s.rowid
        FROM ToolSearch s
        JOIN Tool t ON t.Id = s.rowid
        WHERE ToolSearch MATCH @Tier AND s.rank MATCH 'bm25(10.0, 5.0, 3.0, 3.0, 1.0)' AND t.IsPublished = 1
          AND s.rowid >= (SELECT Id FROM Floor)
        ORDER BY s.rank
        LIMIT @Limit
        """;

    /// <summary>
    /// Tier-chosen tools with their highlights under the whole query. The rowid range is one FTS5 scan that
    /// walks the matches between the first and last chosen tool without scoring them; the unary plus keeps
    /// the id list out of FTS5, which would otherwise start the query again (and expand every prefix again)
    /// for each id. highlight() and snippet() run for the chosen rows only.
    /// </summary>
    public const string HitsSql = """
        SELECT s.rowid AS Id, t.Slug, t.Name, c.Name AS Category, c.Slug AS CategorySlug,
               CAST(highlight(ToolSearch, 0, char(1), char(2)) AS TEXT) AS NameMarked,
               CAST(highlight(ToolSearch, 1, char(1), char(2)) AS TEXT) AS TaglineMarked,
               CAST(snippet(ToolSearch, 4, char(1), char(2), '…', 16) AS TEXT) AS SnippetMarked
        FROM ToolSearch s
        JOIN Tool t ON t.Id = s.rowid
        JOIN Category c ON c.Id = t.CategoryId
        WHERE ToolSearch MATCH @Match AND s.rowid BETWEEN @First AND @Last AND +s.rowid IN @Ids
        """;

    /// <summary>
    /// <see cref="SearchSql"/> on PostgreSQL: the @Window newest matches found by id (the GIN index, no
    /// scoring), the best @Limit of those at or above the floor ranked by ts_rank with FTS5's weights (name
    /// 1.0, tagline 0.5, vendor and category 0.3, description 0.1), then highlights for those rows only.
    /// </summary>
    public const string SearchSqlPostgreSql = """
        WITH q AS MATERIALIZED (SELECT to_tsquery('aic_simple', @Query) AS q),
        floor AS MATERIALIZED (
            SELECT COALESCE((SELECT w.ToolId FROM ToolSearch w, q WHERE w.Document @@ q.q ORDER BY w.ToolId DESC OFFSET @Window - 1 LIMIT 1), 0) AS Id
        ),
        best AS MATERIALIZED (
            SELECT s.ToolId, ts_rank('{0.1, 0.3, 0.5, 1.0}', s.Document, q.q) AS Rank
            FROM ToolSearch s, q
            WHERE s.Document @@ q.q AND s.ToolId >= (SELECT Id FROM floor)
            ORDER BY Rank DESC, s.ToolId DESC
            LIMIT @Limit
        )
        SELECT t.Id, (SELECT Id FROM floor) AS Floor, t.Slug, t.Name, c.Name AS Category, c.Slug AS CategorySlug,
               aic_headline(t.Name, q.q, @Whole) AS NameMarked,
               aic_headline(t.Tagline, q.q, @Whole) AS TaglineMarked,
               aic_snippet(t.Description, q.q, @Snippet) AS SnippetMarked
        FROM best b JOIN Tool t ON t.Id = b.ToolId JOIN Category c ON c.Id = t.CategoryId, q
        WHERE t.IsPublished = 1
        ORDER BY b.Rank DESC, b.ToolId DESC
        """;

    /// <summary><see cref="TierSql"/> on PostgreSQL: the tier is the query with each term held to the name's (A) or the name's and tagline's (AB) weights.</summary>
    public const string TierSqlPostgreSql = """
        WITH q AS MATERIALIZED (SELECT to_tsquery('aic_simple', @Tier) AS q),
        floor AS MATERIALIZED (
            SELECT COALESCE((SELECT w.ToolId FROM ToolSearch w, q WHERE w.Document @@ q.q ORDER BY w.ToolId DESC OFFSET @Window - 1 LIMIT 1), 0) AS Id
        )
        SELECT s.ToolId
        FROM ToolSearch s JOIN Tool t ON t.Id = s.ToolId, q
        WHERE s.Document @@ q.q AND t.IsPublished = 1 AND s.ToolId >= (SELECT Id FROM floor)
        ORDER BY ts_rank('{0.1, 0.3, 0.5, 1.0}', s.Document, q.q) DESC, s.ToolId DESC
        LIMIT @Limit
        """;

    /// <summary><see cref="HitsSql"/> on PostgreSQL: the chosen tools, highlighted under the whole query.</summary>
    public const string HitsSqlPostgreSql = """
        WITH q AS MATERIALIZED (SELECT to_tsquery('aic_simple', @Query) AS q)
        SELECT t.Id, t.Slug, t.Name, c.Name AS Category, c.Slug AS CategorySlug,
               aic_headline(t.Name, q.q, @Whole) AS NameMarked,
               aic_headline(t.Tagline, q.q, @Whole) AS TaglineMarked,
               aic_snippet(t.Description, q.q, @Snippet) AS SnippetMarked
        FROM Tool t JOIN Category c ON c.Id = t.CategoryId, q
        WHERE t.Id = ANY(@Ids)
        """;

    // aic_headline's and aic_snippet's options (ts_headline's): the whole field marked, or a fragment of about sixteen words around the first match.
    private const string WholeField = "StartSel=\u0001, StopSel=\u0002, HighlightAll=true";
    private const string Fragment = "StartSel=\u0001, StopSel=\u0002, MaxWords=16, MinWords=8, ShortWord=0, MaxFragments=1";

    /// <summary>
    /// The PostgreSQL query for an FTS5 match expression of quoted prefix terms (<c>"a"* "b"*</c>, see
    /// SearchQuery.Match): every term as a prefix (<c>a:* &amp; b:*</c>), held to <paramref name="weights"/>
    /// when given. The terms are letters and digits only, so nothing in them is tsquery syntax.
    /// </summary>
    public static string PostgreSqlQuery(string match, string weights = "") =>
        string.Join(" & ", Terms(match).Select(t => t + ":*" + weights));

    private static IEnumerable<string> Terms(string match) =>
        match.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(t => t.Trim('"', '*')).Where(t => t.Length > 0);

    /// <summary>
    /// The narrower tiers' MATCH expressions, best first: every term in the name, then every term in the name
    /// or tagline. <paramref name="match"/> is already quoted terms (see SearchQuery.Match).
    /// </summary>
    public static IReadOnlyList<string> Tiers(string match) => ["Name : (" + match + ")", "{Name Tagline} : (" + match + ")"];

    /// <summary>
    /// Best matches first, at most <paramref name="limit"/>, with bounded work whatever the number of matches:
    /// no statement scores more than <see cref="RankWindow"/> rows, and at most three statements rank.
    /// A query with fewer matches than the window is one statement that ranks all of them: bm25's order. With
    /// more, the name tier, then the name-or-tagline tier, each ranked over its own newest window, come before
    /// the whole query's window: a common word gets the best of its most recent name matches, and a name
    /// match found that way is always above a tagline-only one, above the rest.
    /// </summary>
    public async Task<IReadOnlyList<SearchHit>> SearchAsync(string match, int limit)
    {
        if (limit <= 0) return [];
        var postgreSql = db.Provider == DatabaseProvider.PostgreSql;
        if (postgreSql && !Terms(match).Any()) return [];
        await using var connection = db.Open();
        var whole = (postgreSql
            ? await connection.QueryAsync<HitRow>(SearchSqlPostgreSql, new { Query = PostgreSqlQuery(match), Window = RankWindow, Limit = limit, Whole = WholeField, Snippet = Fragment })
            : await connection.QueryAsync<HitRow>(SearchSql, new { Match = match, Window = RankWindow, Limit = limit })).ToList();
        if (whole.Count == 0 || whole[0].Floor == 0) return whole.Select(Hit).ToList();

        var chosen = new List<long>();
        var tiers = postgreSql ? [PostgreSqlQuery(match, "A"), PostgreSqlQuery(match, "AB")] : Tiers(match);
        foreach (var tier in tiers)
        {
            // A wider tier holds the narrower one's matches too: each is asked for a full page, and those already chosen are skipped.
            var ids = await connection.QueryAsync<long>(postgreSql ? TierSqlPostgreSql : TierSql, new { Tier = tier, Window = RankWindow, Limit = limit });
            chosen.AddRange(ids.Except(chosen).Take(limit - chosen.Count));
            if (chosen.Count >= limit) break;
        }
        chosen.AddRange(whole.Select(r => r.Id).Except(chosen).Take(limit - chosen.Count));

        var rows = whole.ToDictionary(r => r.Id);
        var missing = chosen.Where(id => !rows.ContainsKey(id)).ToList();
        if (missing.Count > 0)
        {
            var found = postgreSql
                ? await connection.QueryAsync<HitRow>(HitsSqlPostgreSql, new { Query = PostgreSqlQuery(match), Ids = missing.ToArray(), Whole = WholeField, Snippet = Fragment })
                : await connection.QueryAsync<HitRow>(HitsSql, new { Match = match, First = missing.Min(), Last = missing.Max(), Ids = missing });
            foreach (var row in found) rows[row.Id] = row;
        }
        return chosen.Where(rows.ContainsKey).Select(id => Hit(rows[id])).ToList();
    }

    private static SearchHit Hit(HitRow r) => new(r.Slug, r.Name, r.Category, r.CategorySlug, Text(r.NameMarked), Text(r.TaglineMarked), SnippetText.Plain(Text(r.SnippetMarked)));

    /// <summary>
    /// Type-ahead and the picker's "closest matches": published tools whose name or slug starts with what was
    /// typed (range reads on IX_Tool_Name and UX_Tool_Slug), then tools whose name holds the typed words from
    /// one of its words on (the last typed word as a prefix). Unranked on purpose: ranking would score every match, and a short prefix matches most
    /// of a large catalog. Bounded work for any catalog size; at most <paramref name="limit"/>.
    /// </summary>
    public async Task<IReadOnlyList<ToolChoice>> SuggestAsync(string typed, int limit)
    {
        var text = typed.Trim();
        // No name holds a control character (and PostgreSQL refuses text holding NUL): nothing to look up.
        if (text.Length == 0 || limit <= 0 || text.Any(char.IsControl)) return [];
        const string byName = """
            SELECT t.Slug, t.Name, c.Name AS Category
            FROM Tool t JOIN Category c ON c.Id = t.CategoryId
            WHERE t.IsPublished = 1 AND t.Name >= @From COLLATE NOCASE AND t.Name < @To COLLATE NOCASE
            ORDER BY t.Name COLLATE NOCASE, t.Id
            LIMIT @Limit
            """;
        const string bySlug = """
            SELECT t.Slug, t.Name, c.Name AS Category
            FROM Tool t JOIN Category c ON c.Id = t.CategoryId
            WHERE t.IsPublished = 1 AND t.Slug >= @From AND t.Slug < @To
            ORDER BY t.Slug
            LIMIT @Limit
            """;
        // FTS5 column filter on the name: the typed words, in order, somewhere inside it.
        const string byWords = """
            SELECT t.Slug, t.Name, c.Name AS Category
            FROM ToolSearch s
            JOIN Tool t ON t.Id = s.rowid
            JOIN Category c ON c.Id = t.CategoryId
            WHERE ToolSearch MATCH @Match AND t.IsPublished = 1
            LIMIT @Limit
            """;
        // The same on PostgreSQL: the words as a phrase held to the name's weight.
        const string byWordsPostgreSql = """
            SELECT t.Slug, t.Name, c.Name AS Category
            FROM ToolSearch s
            JOIN Tool t ON t.Id = s.ToolId
            JOIN Category c ON c.Id = t.CategoryId
            WHERE s.Document @@ to_tsquery('aic_simple', @Match) AND t.IsPublished = 1
            LIMIT @Limit
            """;
        await using var connection = db.Open();
        var found = new Dictionary<string, ToolChoice>(StringComparer.Ordinal);
        void Add(IEnumerable<ToolChoice> rows)
        {
            foreach (var row in rows)
            {
                if (found.Count < limit) found.TryAdd(row.Slug, row);
            }
        }

        // U+FFFF sorts after any character a name holds, so [text, text + U+FFFF) is "starts with text".
        Add(await connection.QueryAsync<ToolChoice>(byName, new { From = text, To = text + "\uffff", Limit = limit }));
        var slug = Domain.Slug.FromName(text);
        if (found.Count < limit && slug.Length > 0)
            Add(await connection.QueryAsync<ToolChoice>(bySlug, new { From = slug, To = slug + "\uffff", Limit = limit }));
        var terms = Domain.SearchQuery.Terms(text);
        if (found.Count < limit && terms.Count > 0)
        {
            // One phrase, the last word a prefix: "mistral m" finds "Mistral Medium", not every Mistral (as "m"* alone would).
            var words = db.Provider == DatabaseProvider.PostgreSql
                ? await connection.QueryAsync<ToolChoice>(byWordsPostgreSql, new { Match = string.Join(" <-> ", terms.Select((t, i) => t + (i == terms.Count - 1 ? ":*A" : ":A"))), Limit = limit })
                : await connection.QueryAsync<ToolChoice>(byWords, new { Match = "Name : \"" + string.Join(' ', terms) + "\"*", Limit = limit });
            Add(words.OrderBy(w => w.Name, StringComparer.OrdinalIgnoreCase));
        }
        return found.Values.ToList();
    }

    /// <summary>How many tools are read under each slug prefix for "did you mean": bounded, so the work is too.</summary>
    public const int ClosestPerKey = 50;

    /// <summary>The published tools under one slug prefix, in slug order: a range read on the unique index of Slug that stops at the limit.</summary>
    public const string ClosestSql = """
        SELECT t.Slug, t.Name, c.Name AS Category
        FROM Tool t JOIN Category c ON c.Id = t.CategoryId
        WHERE t.IsPublished = 1 AND t.Slug >= @From AND t.Slug < @To
        ORDER BY t.Slug
        LIMIT @Limit
        """;

    /// <summary>
    /// "Did you mean…": published tools whose slug starts close to what was typed, closest first, at most
    /// <paramref name="limit"/>. Range reads under a few prefixes (TypoSuggestions.Keys), at most
    /// <see cref="ClosestPerKey"/> rows each, then the closeness of those few: no scan of the catalog's names.
    /// </summary>
    public async Task<IReadOnlyList<ToolChoice>> ClosestAsync(string typed, int limit)
    {
        var slug = Domain.Slug.FromName(typed);
        if (slug.Length > Domain.TypoSuggestions.MaxTypedLength) slug = slug[..Domain.TypoSuggestions.MaxTypedLength];
        var keys = Domain.TypoSuggestions.Keys(slug);
        if (keys.Count == 0 || limit <= 0) return [];
        await using var connection = db.Open();
        var candidates = new Dictionary<string, ToolChoice>(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            foreach (var row in await connection.QueryAsync<ToolChoice>(ClosestSql, new { From = key, To = key + "\uffff", Limit = ClosestPerKey }))
                candidates.TryAdd(row.Slug, row);
        }
        return Domain.TypoSuggestions.Closest(slug, candidates.Values, c => c.Slug, limit);
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
        public long Id { get; init; }
        public long Floor { get; init; }
        public string Slug { get; init; } = "";
        public string Name { get; init; } = "";
        public string Category { get; init; } = "";
        public string CategorySlug { get; init; } = "";
        public object? NameMarked { get; init; }
        public object? TaglineMarked { get; init; }
        public object? SnippetMarked { get; init; }
    }
}
