using AiCompare.Data;
using AiCompare.Domain;
using AiCompare.Tests.Support;
using Dapper;
using Microsoft.Data.Sqlite;

namespace AiCompare.Tests.Data;

/// <summary>
/// Search over a generated catalog where one word ("synthetic", in every description) matches every tool:
/// bm25 scores a bounded window of matches, whatever their number, and the order a reader sees stays sensible.
/// </summary>
public sealed class SearchRankingBoundTests : IDisposable
{
    private const int Tools = 2_000;
    private const int Page = 50;

    private readonly TempDirectory _temp = new();
    private readonly Db _db;
    private readonly SearchRepository _search;

    public SearchRankingBoundTests()
    {
        _db = new Db(_temp.ConnectionString);
        new Migrator(_db).Migrate();
        new CatalogGenerator(_db).Generate(Tools, seed: 11);
        _search = new SearchRepository(_db);
    }

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void SearchStatement_WordInEveryTool_DoesAboutTheWorkOfAWordInFewerToolsThanTheWindow()
    {
        Assert.Equal(Tools, Matches("\"synthetic\"*"));
        var few = Matches("\"solid\"*");
        Assert.InRange(few, Page, SearchRepository.RankWindow - 1);

        var common = Work("\"synthetic\"*");
        var rare = Work("\"solid\"*");

        // Scoring every match would cost about Tools / few times as much; scoring a window costs about RankWindow / few.
        Assert.True(common < 3 * rare, $"{common} VM steps for {Tools} matches vs {rare} for {few}");
    }

    [Fact]
    public async Task Search_WordInMoreToolsThanTheWindow_ScoresOnlyTheNewestWindow()
    {
        var (oldest, newest) = OldestAndNewest();
        // The shortest description possible: bm25's best match for the word, wherever it is in the catalog.
        SetDescription(oldest, "Synthetic.");
        SetDescription(newest, "Synthetic.");

        var hits = await _search.SearchAsync(SearchQuery.Match("synthetic")!, Page);

        Assert.Equal(Page, hits.Count);
        Assert.Equal(newest, hits[0].Slug);
        Assert.DoesNotContain(hits, h => h.Slug == oldest); // never scored: older than the newest RankWindow matches
    }

    [Fact]
    public async Task Search_WordInMoreToolsThanTheWindow_AnOldNameMatchStillComesFirst_HighlightedEverywhere()
    {
        var (oldest, _) = OldestAndNewest();
        using (var connection = _db.Open())
            connection.Execute("UPDATE Tool SET Name = 'Synthetic Oracle', Tagline = 'Synthetic data for tests' WHERE Slug = @Slug", new { Slug = oldest });

        var hits = await _search.SearchAsync(SearchQuery.Match("synthetic")!, Page);

        Assert.Equal(Page, hits.Count);
        Assert.Equal(oldest, hits[0].Slug); // the name tier ranks its own window, not the whole query's newest
        Assert.Equal(Page, hits.Select(h => h.Slug).Distinct(StringComparer.Ordinal).Count());
        // Marked under the whole query, not only in the column its tier filtered on.
        Assert.Contains(SearchRepository.MarkStart + "Synthetic" + SearchRepository.MarkEnd, hits[0].NameMarked, StringComparison.Ordinal);
        Assert.Contains(SearchRepository.MarkStart + "Synthetic" + SearchRepository.MarkEnd, hits[0].TaglineMarked, StringComparison.Ordinal);
        Assert.All(hits, h => Assert.Contains(SearchRepository.MarkStart, h.SnippetMarked, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Search_WordInTheNamesOfMoreToolsThanTheWindow_ListsTheBestOfTheNewestNameMatches()
    {
        using (var connection = _db.Open())
            connection.Execute("UPDATE Tool SET Name = 'Synthetic ' || Name WHERE Id % 4 = 0");
        List<long> newestNamed;
        using (var connection = _db.Open())
            newestNamed = connection.Query<long>("SELECT Id FROM Tool WHERE Name LIKE 'Synthetic %' ORDER BY Id DESC LIMIT @Window", new { Window = SearchRepository.RankWindow }).ToList();
        Assert.Equal(SearchRepository.RankWindow, newestNamed.Count);

        var hits = await _search.SearchAsync(SearchQuery.Match("synthetic")!, Page);

        Assert.Equal(Page, hits.Count);
        using (var connection = _db.Open())
        {
            var ids = connection.Query<long>("SELECT Id FROM Tool WHERE Slug IN @Slugs", new { Slugs = hits.Select(h => h.Slug) }).ToList();
            Assert.All(ids, id => Assert.Contains(id, newestNamed));
        }
        Assert.All(hits, h => Assert.StartsWith(SearchRepository.MarkStart + "Synthetic" + SearchRepository.MarkEnd, h.NameMarked, StringComparison.Ordinal));
        Assert.All(hits, h => Assert.Contains(SearchRepository.MarkStart, h.SnippetMarked, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Search_WordInFewerToolsThanTheWindow_RanksEveryMatch_NameAboveDescription()
    {
        var (oldest, _) = OldestAndNewest();
        // "Solid" is in the names of the few; put it in one more tool's description only, the oldest.
        using (var connection = _db.Open())
            connection.Execute("UPDATE Tool SET Description = Description || ' Solid work.' WHERE Slug = @Slug AND Name NOT LIKE 'Solid%'", new { Slug = oldest });
        var few = Matches("\"solid\"*");

        var hits = await _search.SearchAsync(SearchQuery.Match("solid")!, SearchRepository.RankWindow);

        Assert.Equal(few, hits.Count);
        Assert.Equal(oldest, hits[^1].Slug);
        Assert.All(hits.Take(hits.Count - 1), h => Assert.StartsWith("Solid ", h.Name, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public async Task Search_NoRoomForHits_ReturnsNone(int limit)
    {
        Assert.Empty(await _search.SearchAsync(SearchQuery.Match("synthetic")!, limit));
    }

    private int Matches(string match)
    {
        using var connection = _db.Open();
        return connection.ExecuteScalar<int>("SELECT COUNT(*) FROM ToolSearch WHERE ToolSearch MATCH @Match", new { Match = match });
    }

    // VM instructions SQLite runs for the search statement, counting the statements FTS5 runs inside it to score each row.
    private long Work(string match)
    {
        using var connection = new SqliteConnection(_temp.ConnectionString + ";Pooling=False");
        connection.Open();
        long steps = 0;
        SQLitePCL.raw.sqlite3_progress_handler(connection.Handle, 1, _ => { steps++; return 0; }, null);
        _ = connection.Query(SearchRepository.SearchSql, new { Match = match, Window = SearchRepository.RankWindow, Limit = Page }).ToList();
        SQLitePCL.raw.sqlite3_progress_handler(connection.Handle, 0, null, null);
        return steps;
    }

    private (string Oldest, string Newest) OldestAndNewest()
    {
        using var connection = _db.Open();
        return (connection.ExecuteScalar<string>("SELECT Slug FROM Tool ORDER BY Id LIMIT 1")!,
                connection.ExecuteScalar<string>("SELECT Slug FROM Tool ORDER BY Id DESC LIMIT 1")!);
    }

    private void SetDescription(string slug, string description)
    {
        using var connection = _db.Open();
        connection.Execute("UPDATE Tool SET Description = @Description WHERE Slug = @Slug", new { Slug = slug, Description = description });
    }
}
