using AiCompare.Data;
using AiCompare.Tests.Support;
using Dapper;
using Npgsql;

namespace AiCompare.Tests.Data;

/// <summary>
/// PostgreSQL's schema on a real cluster (Debian's PostgreSQL, started by the tests): its migrations are
/// journaled and applied once however many nodes start together, its triggers keep the list aggregates
/// equal to a recount after every kind of write, and its search documents follow the published tools,
/// accents folded.
/// </summary>
public sealed class PostgreSqlSchemaTests
{
    [PostgresFact]
    public async Task Migrations_are_applied_once_and_journaled()
    {
        var connectionString = await (await PostgresServer.Instance).CreateDatabaseAsync();
        var first = new Migrator(new Db(connectionString)).Migrate();
        Assert.Equal(Migrator.Scripts(DatabaseProvider.PostgreSql).Select(s => s.Name), first);
        Assert.Contains("0001_Init", first);
        Assert.Empty(new Migrator(new Db(connectionString)).Migrate());

        await using var connection = new NpgsqlConnection(connectionString);
        var journal = (await connection.QueryAsync<(long Version, string Name)>("SELECT Version, Name FROM SchemaMigrations ORDER BY Version")).ToList();
        Assert.Equal(Migrator.Scripts(DatabaseProvider.PostgreSql).Select(s => ((long)s.Version, s.Name)), journal);
        Assert.Equal(1, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM Readiness"));
    }

    [PostgresFact]
    public async Task Nodes_starting_together_apply_each_script_once()
    {
        var connectionString = await (await PostgresServer.Instance).CreateDatabaseAsync();
        var runs = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => new Migrator(new Db(connectionString)).Migrate())));

        // One run applied everything; the others waited for its lock and found nothing to do.
        Assert.Single(runs, r => r.Count > 0);
        Assert.Equal(3, runs.Count(r => r.Count == 0));
        await using var connection = new NpgsqlConnection(connectionString);
        Assert.Equal(Migrator.Scripts(DatabaseProvider.PostgreSql).Count, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM SchemaMigrations"));
    }

    [PostgresFact]
    public async Task A_failing_script_leaves_nothing_behind()
    {
        var connectionString = await (await PostgresServer.Instance).CreateDatabaseAsync();
        await using (var squat = new NpgsqlConnection(connectionString))
        {
            // A table the first script creates, there already: the script fails part way through.
            await squat.ExecuteAsync("CREATE TABLE Tool (Id BIGINT)");
        }
        Assert.ThrowsAny<PostgresException>(() => new Migrator(new Db(connectionString)).Migrate());

        await using var connection = new NpgsqlConnection(connectionString);
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM SchemaMigrations"));
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM pg_tables WHERE tablename IN ('critic', 'category', 'review')"));
    }

    [PostgresFact]
    public async Task List_aggregates_equal_a_recount_after_every_kind_of_write()
    {
        await using var connection = await MigratedAsync();
        await connection.ExecuteAsync("""
            INSERT INTO Category (Slug, Name) VALUES ('coding', 'Coding'), ('images', 'Images');
            INSERT INTO Critic (Slug, Name, Label, SortOrder, UpdatedAt) VALUES
                ('builder', 'Builder', 'The Builder', 1, '2026-01-01'), ('skeptic', 'Skeptic', 'The Skeptic', 2, '2026-01-01');
            """);
        for (var i = 0; i < 12; i++)
        {
            await connection.ExecuteAsync("""
                INSERT INTO Tool (Slug, Name, Tagline, CategoryId, PricingEntry, PricingSummary, IsPublished, CreatedAt, UpdatedAt)
                VALUES (@Slug, @Name, 'A tool.', (SELECT Id FROM Category WHERE Slug = @Category), 'free', 'Free', @Published, '2026-01-01', '2026-01-01')
                """, new { Slug = $"tool-{i}", Name = $"Tool {i}", Category = i % 3 == 0 ? "images" : "coding", Published = i % 5 == 4 ? 0L : 1L });
            foreach (var (critic, score) in new[] { ("builder", 40 + i * 5), ("skeptic", 90 - i * 6) })
            {
                if ((i + score) % 7 == 0) continue; // some tools lack a review
                await connection.ExecuteAsync("""
                    INSERT INTO Review (ToolId, CriticId, Score, Verdict, Quote, UpdatedAt)
                    VALUES ((SELECT Id FROM Tool WHERE Slug = @Tool), (SELECT Id FROM Critic WHERE Slug = @Critic), @Score, @Verdict, 'A quote.', '2026-01-01')
                    """, new { Tool = $"tool-{i}", Critic = critic, Score = (long)score, Verdict = score >= 60 ? "ship" : "skip" });
            }
        }
        ListRecount.AssertEqualsRecount(connection, "inserts");

        await connection.ExecuteAsync("UPDATE Tool SET CategoryId = (SELECT Id FROM Category WHERE Slug = 'images') WHERE Slug = 'tool-1'");
        ListRecount.AssertEqualsRecount(connection, "a move to another category");
        await connection.ExecuteAsync("UPDATE Tool SET IsPublished = 0 WHERE Slug = 'tool-2'");
        ListRecount.AssertEqualsRecount(connection, "unpublishing");
        await connection.ExecuteAsync("UPDATE Tool SET IsPublished = 1 WHERE Slug = 'tool-4'");
        ListRecount.AssertEqualsRecount(connection, "publishing");
        await connection.ExecuteAsync("UPDATE Tool SET IsPublished = 1, CategoryId = (SELECT Id FROM Category WHERE Slug = 'coding') WHERE Slug = 'tool-9'");
        ListRecount.AssertEqualsRecount(connection, "publishing into another category");
        await connection.ExecuteAsync("UPDATE Review SET Verdict = 'skip', Score = 10 WHERE Id = (SELECT MIN(Id) FROM Review)");
        ListRecount.AssertEqualsRecount(connection, "an edited review");
        await connection.ExecuteAsync("""
            UPDATE Review SET ToolId = (SELECT Id FROM Tool WHERE Slug = 'tool-11')
            WHERE Id = (SELECT MIN(r.Id) FROM Review r WHERE r.CriticId = (SELECT Id FROM Critic WHERE Slug = 'builder')
                        AND NOT EXISTS (SELECT 1 FROM Review o WHERE o.CriticId = r.CriticId AND o.ToolId = (SELECT Id FROM Tool WHERE Slug = 'tool-11')))
            """);
        ListRecount.AssertEqualsRecount(connection, "a review moved to another tool");
        await connection.ExecuteAsync("DELETE FROM Review WHERE Id = (SELECT MAX(Id) FROM Review)");
        ListRecount.AssertEqualsRecount(connection, "a deleted review");
        await connection.ExecuteAsync("DELETE FROM Tool WHERE Slug = 'tool-3'");
        ListRecount.AssertEqualsRecount(connection, "a deleted tool (its reviews cascade)");
        await connection.ExecuteAsync("UPDATE Tool SET Name = 'Renamed' WHERE Slug = 'tool-5'");
        ListRecount.AssertEqualsRecount(connection, "a rename");
    }

    [PostgresFact]
    public async Task Search_documents_follow_published_tools_with_accents_folded()
    {
        await using var connection = await MigratedAsync();
        await connection.ExecuteAsync("""
            INSERT INTO Category (Slug, Name) VALUES ('coding', 'Coding');
            INSERT INTO Tool (Slug, Name, Tagline, CategoryId, Vendor, PricingEntry, PricingSummary, Description, IsPublished, CreatedAt, UpdatedAt) VALUES
                ('cafe-coder', 'Café Coder', 'Pair programming', 1, 'Crème Labs', 'free', 'Free', 'Writes tests.', 1, '2026-01-01', '2026-01-01'),
                ('hidden', 'Hidden Café', 'Not yet', 1, NULL, 'free', 'Free', '', 0, '2026-01-01', '2026-01-01');
            """);
        Assert.Equal(["cafe-coder"], await MatchesAsync(connection, "cafe"));
        Assert.Equal(["cafe-coder"], await MatchesAsync(connection, "CAFÉ"));
        Assert.Equal(["cafe-coder"], await MatchesAsync(connection, "creme"));
        Assert.Equal(["cafe-coder"], await MatchesAsync(connection, "cod"));

        await connection.ExecuteAsync("UPDATE Tool SET IsPublished = 1 WHERE Slug = 'hidden'");
        Assert.Equal(["cafe-coder", "hidden"], await MatchesAsync(connection, "cafe"));
        await connection.ExecuteAsync("UPDATE Tool SET Name = 'Plain Coder' WHERE Slug = 'cafe-coder'");
        Assert.Equal(["hidden"], await MatchesAsync(connection, "cafe"));
        await connection.ExecuteAsync("UPDATE Category SET Name = 'Développement' WHERE Slug = 'coding'");
        Assert.Equal(["cafe-coder", "hidden"], await MatchesAsync(connection, "developpement"));
        await connection.ExecuteAsync("UPDATE Tool SET IsPublished = 0 WHERE Slug = 'hidden'");
        Assert.Equal(["cafe-coder"], await MatchesAsync(connection, "developpement"));
        await connection.ExecuteAsync("DELETE FROM Tool WHERE Slug = 'cafe-coder'");
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM ToolSearch"));

        // The name weighs more than the description.
        await connection.ExecuteAsync("""
            INSERT INTO Tool (Slug, Name, Tagline, CategoryId, PricingEntry, PricingSummary, Description, IsPublished, CreatedAt, UpdatedAt) VALUES
                ('a-tool', 'Another', 'x', 1, 'free', 'Free', 'Mentions a lens once.', 1, '2026-01-01', '2026-01-01'),
                ('lens', 'Lens', 'x', 1, 'free', 'Free', '', 1, '2026-01-01', '2026-01-01');
            """);
        var ranked = (await connection.QueryAsync<string>("""
            SELECT t.Slug FROM ToolSearch s JOIN Tool t ON t.Id = s.ToolId, to_tsquery('aic_simple', 'lens:*') q
            WHERE s.Document @@ q ORDER BY ts_rank(s.Document, q) DESC
            """)).ToList();
        Assert.Equal(["lens", "a-tool"], ranked);
    }

    private static async Task<List<string>> MatchesAsync(NpgsqlConnection connection, string word) =>
        (await connection.QueryAsync<string>("""
            SELECT t.Slug FROM ToolSearch s JOIN Tool t ON t.Id = s.ToolId
            WHERE s.Document @@ to_tsquery('aic_simple', @Word || ':*')
            ORDER BY t.Slug
            """, new { Word = word })).ToList();

    private static async Task<NpgsqlConnection> MigratedAsync()
    {
        var connectionString = await (await PostgresServer.Instance).CreateDatabaseAsync();
        new Migrator(new Db(connectionString)).Migrate();
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        return connection;
    }
}
