using System.Security.Cryptography;
using System.Text.Json;
using AiCompare.Domain;
using Dapper;

namespace AiCompare.Data;

/// <summary>What an import did, or why it did nothing.</summary>
public sealed record ImportResult(
    IReadOnlyList<ImportProblem> Problems,
    IReadOnlyList<string> Created,
    IReadOnlyList<string> Updated,
    IReadOnlyList<string> Unchanged)
{
    public bool Succeeded => Problems.Count == 0;
}

/// <summary>
/// Imports a <c>content/</c> folder: every file is read and validated first; only when all are valid is
/// anything written, then all of it in one transaction (upsert by slug). Nothing is ever deleted.
/// </summary>
public sealed class ContentImporter(Db db, Markdown markdown)
{
    public ImportResult Import(string directory)
    {
        var problems = new List<ImportProblem>();
        if (!Directory.Exists(directory))
        {
            problems.Add(new(directory, "directory", "not found (expected reviewers/ and tools/ inside it)"));
            return new ImportResult(problems, [], [], []);
        }

        var critics = new List<CriticContent>();
        foreach (var (path, display) in Files(directory, "reviewers"))
        {
            var (draft, readProblems) = ContentFiles.ReadCritic(path, display);
            problems.AddRange(readProblems);
            if (draft is null) continue;
            var (critic, ruleProblems) = ContentRules.ValidateCritic(draft);
            problems.AddRange(ruleProblems.Select(p => new ImportProblem(display, p.Field, p.Message)));
            if (critic is not null && readProblems.Count == 0) critics.Add(critic);
        }

        HashSet<string> knownCritics;
        using (var connection = db.Open())
        {
            knownCritics = connection.Query<string>("SELECT Slug FROM Critic").ToHashSet(StringComparer.Ordinal);
        }
        // A critic file that failed validation still counts as known, so its tools are not blamed too.
        foreach (var (path, _) in Files(directory, "reviewers")) knownCritics.Add(ContentFiles.SlugOf(path));

        var tools = new List<ToolContent>();
        foreach (var (path, display) in Files(directory, "tools"))
        {
            var (draft, readProblems) = ContentFiles.ReadTool(path, display);
            problems.AddRange(readProblems);
            if (draft is null) continue;
            var (tool, ruleProblems) = ContentRules.ValidateTool(draft, knownCritics.Contains);
            problems.AddRange(ruleProblems.Select(p => new ImportProblem(display, p.Field, p.Message)));
            if (tool is not null && readProblems.Count == 0) tools.Add(tool);
        }

        if (problems.Count == 0) problems.AddRange(AddressProblems(tools));
        if (problems.Count > 0) return new ImportResult(Deduplicate(problems), [], [], []);
        // Many tools and critics at once: every page may show something that changed.
        return db.Write((connection, tx) =>
        {
            // Nodes that start together on an empty PostgreSQL database each seed it: one at a time, so the
            // later ones read what the first wrote and find it unchanged (SQLite has one writer anyway).
            if (db.Provider == DatabaseProvider.PostgreSql) connection.Execute("SELECT pg_advisory_xact_lock(@Key)", new { Key = Migrator.LockKey }, tx);
            var result = Write(connection, tx, critics, tools);
            return (result, result.Created.Count + result.Updated.Count > 0 ? new Change.CatalogReplaced() : null);
        });
    }

    private ImportResult Write(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction tx, List<CriticContent> critics, List<ToolContent> tools)
    {
        var created = new List<string>();
        var updated = new List<string>();
        var unchanged = new List<string>();
        var now = DateTimeOffset.UtcNow;

        var criticHashes = connection.Query<(string Slug, string? ContentHash)>("SELECT Slug, ContentHash FROM Critic", transaction: tx)
            .ToDictionary(r => r.Slug, r => r.ContentHash, StringComparer.Ordinal);
        foreach (var c in critics)
        {
            var hash = Hash(c);
            var label = "critic " + c.Slug;
            if (criticHashes.TryGetValue(c.Slug, out var existing))
            {
                if (existing == hash) { unchanged.Add(label); continue; }
                updated.Add(label);
            }
            else
            {
                created.Add(label);
            }
            const string upsertCritic = """
                INSERT INTO Critic (Slug, Name, Label, Role, Motto, SortOrder, ExcitedAbout, TiredOf, Bio, BioHtml, ContentHash, UpdatedAt)
                VALUES (@Slug, @Name, @Label, @Role, @Motto, @Order, @ExcitedAbout, @TiredOf, @Bio, @BioHtml, @Hash, @Now)
                ON CONFLICT (Slug) DO UPDATE SET
                    Name = excluded.Name, Label = excluded.Label, Role = excluded.Role, Motto = excluded.Motto,
                    SortOrder = excluded.SortOrder, ExcitedAbout = excluded.ExcitedAbout, TiredOf = excluded.TiredOf,
                    Bio = excluded.Bio, BioHtml = excluded.BioHtml, ContentHash = excluded.ContentHash, UpdatedAt = excluded.UpdatedAt
                """;
            connection.Execute(upsertCritic, new
            {
                c.Slug, c.Name, c.Label, c.Role, c.Motto, c.Order,
                ExcitedAbout = JsonSerializer.Serialize(c.ExcitedAbout),
                TiredOf = JsonSerializer.Serialize(c.TiredOf),
                c.Bio,
                BioHtml = markdown.ToHtml(c.Bio),
                Hash = hash,
                Now = now,
            }, tx);
            Journal.Audit(connection, tx, editorId: null, existing is null ? "critic.import-create" : "critic.import-update", label);
        }

        var criticIds = connection.Query<(string Slug, long Id)>("SELECT Slug, Id FROM Critic", transaction: tx)
            .ToDictionary(r => r.Slug, r => r.Id, StringComparer.Ordinal);
        var toolHashes = connection.Query<(string Slug, string? ContentHash)>("SELECT Slug, ContentHash FROM Tool", transaction: tx)
            .ToDictionary(r => r.Slug, r => r.ContentHash, StringComparer.Ordinal);

        foreach (var t in tools)
        {
            var hash = Hash(Normalised(t));
            var label = "tool " + t.Slug;
            var isNew = !toolHashes.ContainsKey(t.Slug);
            if (toolHashes.TryGetValue(t.Slug, out var existing))
            {
                if (existing == hash) { unchanged.Add(label); continue; }
                updated.Add(label);
            }
            else
            {
                created.Add(label);
            }

            const string upsertTool = """
                INSERT INTO Tool (Slug, Name, Tagline, CategoryId, Vendor, Website, ReviewedOn, BestFor, PricingEntry, PricingSummary,
                                  InputMicroUsd, OutputMicroUsd, Description, DescriptionHtml, IsPublished, PublishAt, ContentHash, CreatedAt, UpdatedAt)
                VALUES (@Slug, @Name, @Tagline, @CategoryId, @Vendor, @Website, @Reviewed, @BestFor, @Entry, @Summary,
                        @InputMicroUsd, @OutputMicroUsd, @Description, @DescriptionHtml, @Published, @PublishAt, @Hash, @Now, @Now)
                ON CONFLICT (Slug) DO UPDATE SET
                    Name = excluded.Name, Tagline = excluded.Tagline, CategoryId = excluded.CategoryId, Vendor = excluded.Vendor,
                    Website = excluded.Website, ReviewedOn = excluded.ReviewedOn, BestFor = excluded.BestFor,
                    PricingEntry = excluded.PricingEntry, PricingSummary = excluded.PricingSummary,
                    InputMicroUsd = excluded.InputMicroUsd, OutputMicroUsd = excluded.OutputMicroUsd,
                    Description = excluded.Description, DescriptionHtml = excluded.DescriptionHtml,
                    IsPublished = excluded.IsPublished, PublishAt = excluded.PublishAt, ContentHash = excluded.ContentHash, UpdatedAt = excluded.UpdatedAt, Version = Tool.Version + 1
                RETURNING Id
                """;
            var parameters = ToolWrites.Parameters(connection, tx, t, markdown, hash, now);
            parameters.Add("PublishAt", t.PublishAt);
            var toolId = connection.ExecuteScalar<long>(upsertTool, parameters, tx);

            // Old addresses keep leading here (AddressProblems made sure no other tool holds them); none is removed.
            const string redirect = "INSERT INTO SlugRedirect (OldSlug, ToolId, At) VALUES (@OldSlug, @ToolId, @Now) ON CONFLICT (OldSlug) DO NOTHING";
            connection.Execute(redirect, (t.OldSlugs ?? []).Select(old => new { OldSlug = old, ToolId = toolId, Now = now }), tx);

            // The file is the whole truth about this tool's reviews.
            connection.Execute("DELETE FROM Review WHERE ToolId = @ToolId", new { ToolId = toolId }, tx);
            const string insertReview = """
                INSERT INTO Review (ToolId, CriticId, Score, Verdict, Quote, ReviewedOn, UpdatedAt)
                VALUES (@ToolId, @CriticId, @Score, @Verdict, @Quote, @ReviewedOn, @Now)
                """;
            connection.Execute(insertReview, t.Reviews.Select(r => new
            {
                ToolId = toolId,
                CriticId = criticIds[r.Critic],
                r.Score,
                Verdict = ContentRules.VerdictToken(r.Verdict),
                r.Quote,
                ReviewedOn = r.Reviewed ?? t.Reviewed,
                Now = now,
            }), tx);
            Journal.RecordVerdict(connection, tx, toolId, (t.Reviewed ?? DateOnly.FromDateTime(now.UtcDateTime)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
            Journal.Audit(connection, tx, editorId: null, isNew ? "tool.import-create" : "tool.import-update", label);
        }

        return new ImportResult([], created, updated, unchanged);
    }

    /// <summary>
    /// Every address leads to one tool: an old slug (<c>old_slugs</c>) may not be another tool's slug or old
    /// slug, in the files or in the database, and a file may not take the slug a renamed tool left behind
    /// (its old links would stop reaching that tool).
    /// </summary>
    private List<ImportProblem> AddressProblems(List<ToolContent> tools)
    {
        // A tool's own slug first: a database written before these checks may hold an old slug that is also
        // a tool's slug, and that tool's page is what the address shows.
        const string sql = """
            SELECT Slug AS Address, Slug AS Owner, 0 AS Rank FROM Tool
            UNION ALL
            SELECT s.OldSlug AS Address, t.Slug AS Owner, 1 AS Rank FROM SlugRedirect s JOIN Tool t ON t.Id = s.ToolId
            ORDER BY Rank
            """;
        var stored = new Dictionary<string, string>(StringComparer.Ordinal);
        using (var connection = db.Open())
        {
            foreach (var (address, owner, _) in connection.Query<(string Address, string Owner, int Rank)>(sql)) stored.TryAdd(address, owner);
        }
        var problems = new List<ImportProblem>();
        var inFiles = tools.ToDictionary(t => t.Slug, t => t.Slug, StringComparer.Ordinal);
        foreach (var t in tools)
        {
            if (stored.TryGetValue(t.Slug, out var owner) && owner != t.Slug)
                problems.Add(new($"tools/{t.Slug}.md", "slug", $"'{t.Slug}' is an old address of the tool '{owner}', which was renamed; name the file {owner}.md to update that tool"));
            foreach (var old in t.OldSlugs ?? [])
            {
                var taken = inFiles.TryGetValue(old, out var fileOwner) ? fileOwner : stored.GetValueOrDefault(old);
                if (taken is not null && taken != t.Slug)
                    problems.Add(new($"tools/{t.Slug}.md", "old_slugs", $"'{old}' is already the address of the tool '{taken}'"));
                else
                    inFiles[old] = t.Slug;
            }
        }
        return problems;
    }

    private static IEnumerable<(string Path, string Display)> Files(string directory, string folder)
    {
        var path = Path.Combine(directory, folder);
        if (!Directory.Exists(path)) return [];
        return Directory.EnumerateFiles(path, "*.md", SearchOption.TopDirectoryOnly)
            .Order(StringComparer.Ordinal)
            .Select(f => (f, folder + "/" + Path.GetFileName(f)));
    }

    private static List<ImportProblem> Deduplicate(List<ImportProblem> problems) => problems.Distinct().ToList();

    /// <summary>
    /// The same tool however its file was written: reviews in critic order, a review date equal to the
    /// tool's left implicit (as the exporter writes them).
    /// </summary>
    private static ToolContent Normalised(ToolContent t) => t with
    {
        Reviews = t.Reviews
            .Select(r => r.Reviewed == t.Reviewed ? r with { Reviewed = null } : r)
            .OrderBy(r => r.Critic, StringComparer.Ordinal)
            .ToList(),
    };

    /// <summary>
    /// A fingerprint of validated content: equal when a re-import would change nothing. Admin saves
    /// clear it (the stored row is then the truth), so after an admin edit a re-import of the same
    /// values reports "updated" once and "unchanged" from then on.
    /// </summary>
    public static string Hash<T>(T content)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(content);
        return Convert.ToHexString(SHA256.HashData(json));
    }
}

/// <summary>Prices are stored as whole micro-dollars per 1M tokens: exact, and sortable in SQL.</summary>
public static class MicroUsd
{
    public static long? From(decimal? usd) => usd is { } v ? (long)Math.Round(v * 1_000_000m, 0, MidpointRounding.AwayFromZero) : null;

    public static decimal? To(long? micro) => micro is { } v ? v / 1_000_000m : null;
}
