using AiCompare.Data;

namespace AiCompare.Tests.Support;

/// <summary>
/// A fresh, migrated database of either provider for one test: a SQLite file in a temp folder, or a new
/// database on the test run's PostgreSQL cluster (<see cref="PostgresServer"/>). Tests that hold for
/// both take the provider as a theory's parameter: <c>[Theory, Sqlite, PostgreSql]</c>.
/// </summary>
public sealed class TestDatabase : IDisposable
{
    private readonly TempDirectory? _temp;

    private TestDatabase(DatabaseProvider provider, string connectionString, TempDirectory? temp)
    {
        Provider = provider;
        ConnectionString = connectionString;
        _temp = temp;
        Db = new Db(connectionString);
        new Migrator(Db).Migrate();
    }

    public DatabaseProvider Provider { get; }

    public string ConnectionString { get; }

    public Db Db { get; }

    public static async Task<TestDatabase> CreateAsync(DatabaseProvider provider)
    {
        if (provider == DatabaseProvider.PostgreSql)
            return new TestDatabase(provider, await (await PostgresServer.Instance).CreateDatabaseAsync(), null);
        var temp = new TempDirectory();
        return new TestDatabase(provider, temp.ConnectionString, temp);
    }

    /// <summary>A database with the repository's content folder imported.</summary>
    public static async Task<TestDatabase> WithContentAsync(DatabaseProvider provider)
    {
        var database = await CreateAsync(provider);
        var result = new ContentImporter(database.Db, new Markdown()).Import(TestPaths.Content);
        if (!result.Succeeded) throw new InvalidOperationException("The test content did not import: " + string.Join("; ", result.Problems));
        return database;
    }

    // PostgreSQL's databases go with the cluster at the end of the run; their pool goes now.
    public void Dispose()
    {
        Db.Dispose();
        _temp?.Dispose();
    }
}
