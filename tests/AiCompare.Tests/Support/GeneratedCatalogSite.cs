using AiCompare.Data;
using Dapper;

namespace AiCompare.Tests.Support;

/// <summary>
/// The site over a generated catalog big enough for every long list to have more than one page, with
/// the page cache off so each request renders (and a test may write to the database directly).
/// </summary>
public sealed class GeneratedCatalogSite : IDisposable
{
    public const int Tools = 2_000;

    private readonly TempDirectory _temp = new();
    private readonly string _connectionString;

    public GeneratedCatalogSite()
    {
        _connectionString = SuiteDatabase.NewConnectionString(_temp);
        using var db = new Db(_connectionString);
        new Migrator(db).Migrate();
        new CatalogGenerator(db).Generate(Tools, seed: 11);
        Factory = SiteFactory.WithSettings(new Dictionary<string, string>
        {
            ["ConnectionStrings:AiCompare"] = _connectionString,
            ["Caching:Pages"] = "false",
            ["Catalog:WarmOnStart"] = "false",
        });
    }

    public SiteFactory Factory { get; }

    public HttpClient Client() => Factory.Client();

    /// <summary>A connection to the site's database (foreign keys on, as the site's own).</summary>
    public System.Data.Common.DbConnection Open() => SuiteDatabase.Open(_connectionString);

    /// <summary>The category with the most published tools.</summary>
    public string LargestCategory()
    {
        using var connection = Open();
        return connection.ExecuteScalar<string>("""
            SELECT c.Slug FROM CategoryCount n JOIN Category c ON c.Id = n.CategoryId ORDER BY n.Tools DESC, c.Slug LIMIT 1
            """)!;
    }

    /// <summary>
    /// Adds a published tool to <paramref name="category"/> with a review from each critic, every one
    /// <paramref name="verdict"/> with <paramref name="score"/>: where it ranks is set by those.
    /// </summary>
    public void AddTool(string category, string slug, string verdict, int score)
    {
        using var connection = Open();
        using var tx = connection.BeginTransaction();
        var id = connection.ExecuteScalar<long>("""
            INSERT INTO Tool (Slug, Name, Tagline, CategoryId, PricingEntry, PricingSummary, CreatedAt, UpdatedAt)
            VALUES (@Slug, @Slug, 'Added mid-walk', (SELECT Id FROM Category WHERE Slug = @Category), 'free', 'Free', '2026-01-01', '2026-01-01')
            RETURNING Id
            """, new { Slug = slug, Category = category }, tx);
        connection.Execute("""
            INSERT INTO Review (ToolId, CriticId, Score, Verdict, Quote, UpdatedAt)
            SELECT @Id, k.Id, @Score, @Verdict, 'Added mid-walk.', '2026-01-01' FROM Critic k
            """, new { Id = id, Score = score, Verdict = verdict }, tx);
        tx.Commit();
    }

    public void Dispose()
    {
        Factory.Dispose();
        _temp.Dispose();
    }
}
