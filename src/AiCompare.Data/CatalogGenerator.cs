using System.Globalization;
using Dapper;
using System.Data.Common;

namespace AiCompare.Data;

/// <summary>
/// Fills a database with a realistic synthetic catalog (for load tests and benchmarks): tools spread over
/// categories, four panel reviews each, prices, review dates and community tallies. Deterministic for a
/// seed; existing slugs are left alone, so running it again adds nothing twice.
/// </summary>
public sealed class CatalogGenerator(Db db)
{
    private static readonly string[] Adjectives = ["Swift", "Quiet", "Bright", "Lucid", "Rapid", "Tiny", "Deep", "Open", "Clear", "Bold", "Nimble", "Solid", "Keen", "Prime", "Vast", "Calm"];
    private static readonly string[] Nouns = ["Coder", "Vision", "Scribe", "Agent", "Lens", "Forge", "Pilot", "Sage", "Relay", "Atlas", "Echo", "Spark", "Index", "Canvas", "Voice", "Graph"];
    private static readonly string[] Categories = ["Developer Tools", "Coding Assistants", "Vision Models", "Speech", "Agents", "Search", "Data Tools", "Writing", "Image Generation", "Video", "Analytics", "Security", "Customer Support", "Education", "Design", "Research", "Translation", "Productivity", "Infrastructure", "Edge AI"];
    private static readonly string[] Critics = ["builder", "skeptic", "futurist", "founder"];
    private static readonly string[] Quotes =
    [
        "The integration path is short and the defaults are sane.",
        "A crowded category; the moat here is thin.",
        "Early to a shift that looks real.",
        "There is a buyer with a budget for this.",
        "Benchmarks look good; production will tell.",
    ];

    /// <summary>Adds up to <paramref name="tools"/> tools; reports progress every 1,000. Returns how many were added.</summary>
    public int Generate(int tools, int seed, Action<int>? progress = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(tools);
        var random = new Random(seed);
        var prepare = db.Provider == DatabaseProvider.Sqlite;
        var (criticIds, categoryIds) = db.Write((connection, tx) =>
        {
            EnsureCritics(connection, tx);
            var critics = connection.Query<(string Slug, long Id)>("SELECT Slug, Id FROM Critic", transaction: tx).ToDictionary(c => c.Slug, c => c.Id, StringComparer.Ordinal);
            var categories = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var name in Categories)
            {
                categories[name] = connection.ExecuteScalar<long>("""
                    INSERT INTO Category (Slug, Name) VALUES (@Slug, @Name) ON CONFLICT (Slug) DO NOTHING;
                    SELECT Id FROM Category WHERE Slug = @Slug;
                    """, new { Slug = Domain.Slug.FromName(name), Name = name }, tx);
            }
            return ((critics, categories), (Change?)new Change.CatalogReplaced());
        });

        var added = 0;
        const int batch = 2_000;
        for (var start = 0; start < tools; start += batch)
        {
            added += db.Write((connection, tx) => (AddBatch(connection, tx, start), (Change?)new Change.CatalogReplaced()));
        }
        progress?.Invoke(tools);
        return added;

        int AddBatch(DbConnection connection, DbTransaction tx, int start)
        {
            var batchAdded = 0;
            using var insertTool = Command(connection, tx, prepare, """
                INSERT INTO Tool (Slug, Name, Tagline, CategoryId, Vendor, ReviewedOn, PricingEntry, PricingSummary, InputMicroUsd, OutputMicroUsd,
                                  Description, DescriptionHtml, CreatedAt, UpdatedAt)
                VALUES (@slug, @name, @tagline, @category, @vendor, @reviewed, @entry, @summary, @in, @out, @description, @html, @now, @now)
                ON CONFLICT (Slug) DO NOTHING
                RETURNING Id
                """, "@slug", "@name", "@tagline", "@category", "@vendor", "@reviewed", "@entry", "@summary", "@in", "@out", "@description", "@html", "@now");
            using var insertReview = Command(connection, tx, prepare, """
                INSERT INTO Review (ToolId, CriticId, Score, Verdict, Quote, ReviewedOn, UpdatedAt)
                VALUES (@tool, @critic, @score, @verdict, @quote, @reviewed, @now)
                """, "@tool", "@critic", "@score", "@verdict", "@quote", "@reviewed", "@now");
            using var insertTally = Command(connection, tx, prepare, "INSERT INTO VoteTally (ToolId, Ships, Skips) VALUES (@tool, @ships, @skips)", "@tool", "@ships", "@skips");
            var now = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture);
            for (var i = start; i < Math.Min(tools, start + batch); i++)
            {
                var adjective = Adjectives[random.Next(Adjectives.Length)];
                var noun = Nouns[random.Next(Nouns.Length)];
                var category = Categories[random.Next(Categories.Length)];
                var paid = random.Next(3);
                var reviewed = new DateOnly(2025, 1, 1).AddDays(random.Next(600)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                var name = string.Create(CultureInfo.InvariantCulture, $"{adjective} {noun} {i + 1}");
                var description = $"{name} is a synthetic {category.ToLowerInvariant()} tool made by the catalog generator.";
                Set(insertTool, Domain.Slug.FromName(name), name, $"{adjective} {category.ToLowerInvariant()} for teams that ship", categoryIds[category],
                    $"{noun} Labs", reviewed, paid == 0 ? "free" : paid == 1 ? "freemium" : "paid",
                    paid == 0 ? "Free / open weights" : "API pricing per token",
                    paid == 0 ? null : (long?)random.Next(50, 5_000) * 1_000, paid == 0 ? null : (long?)random.Next(200, 20_000) * 1_000,
                    description, "<p>" + System.Net.WebUtility.HtmlEncode(description) + "</p>\n", now);
                // Every random draw happens whether or not the tool is new, so a rerun with the same seed repeats itself.
                var scores = Critics.Select(_ => random.Next(35, 96)).ToArray();
                var quotes = Critics.Select(_ => Quotes[random.Next(Quotes.Length)]).ToArray();
                var (ships, skips) = (random.Next(0, 60), random.Next(0, 40));
                if (insertTool.ExecuteScalar() is long toolId)
                {
                    batchAdded++;
                    for (var c = 0; c < Critics.Length; c++)
                    {
                        Set(insertReview, toolId, criticIds[Critics[c]], scores[c], scores[c] >= 60 ? "ship" : "skip", quotes[c], reviewed, now);
                        insertReview.ExecuteNonQuery();
                    }
                    Set(insertTally, toolId, ships, skips);
                    insertTally.ExecuteNonQuery();
                }
                if ((i + 1) % 1_000 == 0) progress?.Invoke(i + 1);
            }
            return batchAdded;
        }
    }

    private static void EnsureCritics(DbConnection connection, DbTransaction tx)
    {
        foreach (var (slug, name, label, order) in new[] { ("builder", "The Builder", "Builder", 1), ("skeptic", "The Skeptic", "Skeptic", 2), ("futurist", "The Futurist", "Futurist", 3), ("founder", "The Founder", "Founder", 4) })
        {
            connection.Execute("""
                INSERT INTO Critic (Slug, Name, Label, SortOrder, UpdatedAt) VALUES (@Slug, @Name, @Label, @Order, @Now)
                ON CONFLICT (Slug) DO NOTHING
                """, new { Slug = slug, Name = name, Label = label, Order = order, Now = DateTimeOffset.UtcNow }, tx);
        }
    }

    /// <summary>
    /// A command with its named parameters (values set per row by <see cref="Set"/>), prepared once on SQLite.
    /// Not on PostgreSQL: preparing types every parameter from its first value, and the first values are nulls.
    /// </summary>
    private static DbCommand Command(DbConnection connection, DbTransaction tx, bool prepare, string sql, params string[] names)
    {
        var command = connection.CreateCommand();
        command.Transaction = tx;
#pragma warning disable CA2100 // Only this class's own constant SQL reaches here; values are parameters.
        command.CommandText = sql;
#pragma warning restore CA2100
        foreach (var name in names)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = DBNull.Value;
            command.Parameters.Add(parameter);
        }
        if (prepare) command.Prepare();
        return command;
    }

    private static void Set(DbCommand command, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++) command.Parameters[i].Value = values[i] ?? DBNull.Value;
    }
}
