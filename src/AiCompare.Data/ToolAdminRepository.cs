using System.Data;
using System.Globalization;
using AiCompare.Domain;
using Dapper;

namespace AiCompare.Data;

/// <summary>A tool as the admin form edits it, with the version its save must match.</summary>
public sealed record ToolEditData(
    long Id,
    string Slug,
    string Name,
    string Tagline,
    string Category,
    string? Vendor,
    string? Website,
    DateOnly? Reviewed,
    string? BestFor,
    PricingEntry Entry,
    string PricingSummary,
    decimal? InputPerMTok,
    decimal? OutputPerMTok,
    string Description,
    bool IsPublished,
    long Version,
    IReadOnlyList<ReviewContent> Reviews)
{
    /// <summary>When a draft is scheduled to be published (UTC), else null.</summary>
    public DateTimeOffset? PublishAt { get; init; }
}

/// <summary>One line of the admin tool list.</summary>
public sealed record AdminToolRow(long Id, string Slug, string Name, string Category, bool IsPublished, string UpdatedAt, int Ships, int Skips)
{
    /// <summary>When a draft is scheduled to be published (UTC), else null.</summary>
    public DateTimeOffset? PublishAt { get; init; }

    public PanelSummary Panel => new(Ships, Skips, 0);
}

/// <summary>How a save ended.</summary>
public enum SaveOutcome
{
    Saved,
    NotFound,
    Conflict,
    SlugTaken,

    /// <summary>A schedule asked for a tool already on the site.</summary>
    AlreadyPublished,
}

/// <summary>Editors' writes to tools and their reviews. Every save is one transaction with its audit entry.</summary>
public sealed class ToolAdminRepository(Db db, Markdown markdown)
{
    public const int ListLimit = 500;

    public async Task<IReadOnlyList<AdminToolRow>> ListAsync(string? search, string? sort)
    {
        var order = sort switch
        {
            "category" => "c.Name COLLATE NOCASE, t.Name COLLATE NOCASE",
            "updated" => "t.UpdatedAt DESC, t.Id DESC",
            _ => "t.Name COLLATE NOCASE, t.Slug",
        };
        // LIKE ignores ASCII case in SQLite; PostgreSQL's ILIKE is its match. Both fixed strings, never input.
        var like = db.Provider == DatabaseProvider.PostgreSql ? "ILIKE" : "LIKE";
        // The ORDER BY is one of three fixed strings above, never input.
        var sql = $"""
            SELECT t.Id, t.Slug, t.Name, c.Name AS Category, t.IsPublished, t.PublishAt, t.UpdatedAt,
                   (SELECT COUNT(*) FROM Review r WHERE r.ToolId = t.Id AND r.Verdict = 'ship') AS Ships,
                   (SELECT COUNT(*) FROM Review r WHERE r.ToolId = t.Id AND r.Verdict = 'skip') AS Skips
            FROM Tool t JOIN Category c ON c.Id = t.CategoryId
            WHERE @Pattern IS NULL
               OR t.Name {like} @Pattern ESCAPE '\' OR t.Slug {like} @Pattern ESCAPE '\' OR c.Name {like} @Pattern ESCAPE '\'
               OR t.Vendor {like} @Pattern ESCAPE '\'
            ORDER BY {order}
            LIMIT @Limit
            """;
        // No name holds a control character (and PostgreSQL refuses text holding NUL): they are left out of the search.
        var typed = new string((search ?? "").Where(c => !char.IsControl(c)).ToArray()).Trim();
        var pattern = typed.Length == 0 ? null : "%" + EscapeLike(typed) + "%";
        await using var connection = db.Open();
#pragma warning disable CA2100 // The interpolated parts are a fixed operator and ORDER BY chosen above; the input is a parameter.
        var rows = await connection.QueryAsync<AdminToolRowData>(sql, new { Pattern = pattern, Limit = ListLimit });
#pragma warning restore CA2100
        return rows.Select(r => new AdminToolRow(r.Id, r.Slug, r.Name, r.Category, r.IsPublished, r.UpdatedAt, r.Ships, r.Skips) { PublishAt = r.PublishAt }).ToList();
    }

    public async Task<ToolEditData?> GetAsync(long id)
    {
        const string sql = """
            SELECT t.Id, t.Slug, t.Name, t.Tagline, c.Name AS Category, t.Vendor, t.Website, t.ReviewedOn, t.BestFor,
                   t.PricingEntry, t.PricingSummary, t.InputMicroUsd, t.OutputMicroUsd, t.Description, t.IsPublished, t.PublishAt, t.Version
            FROM Tool t JOIN Category c ON c.Id = t.CategoryId
            WHERE t.Id = @Id;

            SELECT k.Slug AS Critic, r.Score, r.Verdict, r.Quote, r.ReviewedOn
            FROM Review r JOIN Critic k ON k.Id = r.CriticId
            WHERE r.ToolId = @Id
            ORDER BY k.SortOrder, k.Slug;
            """;
        await using var connection = db.Open();
        using var grid = await connection.QueryMultipleAsync(sql, new { Id = id });
        var t = (await grid.ReadAsync<ToolRow>()).SingleOrDefault();
        if (t is null) return null;
        var reviews = (await grid.ReadAsync<ReviewEditRow>()).Select(r => new ReviewContent(
            r.Critic, r.Score, r.Verdict == "ship" ? ReviewVerdict.Ship : ReviewVerdict.Skip, r.Quote, Rows.Date(r.ReviewedOn))).ToList();
        return new ToolEditData(
            t.Id, t.Slug, t.Name, t.Tagline, t.Category, t.Vendor, t.Website, t.Reviewed, t.BestFor,
            t.Pricing.Entry, t.PricingSummary, t.Pricing.InputPerMTok, t.Pricing.OutputPerMTok, t.Description, t.IsPublished, t.Version, reviews)
        { PublishAt = t.PublishAt };
    }

    /// <summary>Every tool's id, slug and name (published or not), for near-duplicate warnings.</summary>
    public async Task<IReadOnlyList<SlugOwner>> AllNamesAsync()
    {
        await using var connection = db.Open();
        return (await connection.QueryAsync<SlugOwner>("SELECT Id, Slug, Name FROM Tool ORDER BY Slug")).ToList();
    }

    /// <summary>The tool whose address <paramref name="slug"/> is, now or as an old slug that still redirects.</summary>
    public async Task<SlugOwner?> SlugOwnerAsync(string slug)
    {
        const string sql = """
            SELECT t.Id, t.Slug, t.Name FROM Tool t WHERE t.Slug = @Slug
            UNION ALL
            SELECT t.Id, t.Slug, t.Name FROM SlugRedirect s JOIN Tool t ON t.Id = s.ToolId WHERE s.OldSlug = @Slug
            """;
        await using var connection = db.Open();
        return (await connection.QueryAsync<SlugOwner>(sql, new { Slug = slug })).FirstOrDefault();
    }

    /// <summary>
    /// <paramref name="slug"/> if no tool has it (now or as an old slug), else the first free
    /// <c>{slug}-2</c>, <c>{slug}-3</c>, …, kept within the slug's length limit.
    /// </summary>
    public async Task<string> FreeSlugAsync(string slug)
    {
        // The slug and its numbered variants in one read; a variant cut short to fit the length limit is
        // not among them, so the one chosen is checked once more on its own.
        const string variants = """
            SELECT Slug FROM Tool WHERE Slug = @Slug OR Slug LIKE @Pattern ESCAPE '\'
            UNION
            SELECT OldSlug FROM SlugRedirect WHERE OldSlug = @Slug OR OldSlug LIKE @Pattern ESCAPE '\'
            """;
        const string inUse = """
            SELECT EXISTS (SELECT 1 FROM Tool WHERE Slug = @Slug)
                OR EXISTS (SELECT 1 FROM SlugRedirect WHERE OldSlug = @Slug)
            """;
        await using var connection = db.Open();
        var taken = (await connection.QueryAsync<string>(variants, new { Slug = slug, Pattern = EscapeLike(slug) + "-%" })).ToHashSet(StringComparer.Ordinal);
        var candidate = slug;
        for (var n = 2; taken.Contains(candidate) || (candidate != slug && !candidate.StartsWith(slug + "-", StringComparison.Ordinal) && await connection.ExecuteScalarAsync<bool>(inUse, new { Slug = candidate })); n++)
        {
            taken.Add(candidate);
            var suffix = "-" + n.ToString(CultureInfo.InvariantCulture);
            candidate = slug[..Math.Min(slug.Length, Slug.MaxLength - suffix.Length)].TrimEnd('-') + suffix;
        }
        return candidate;
    }

    public async Task<IReadOnlyList<string>> CategoryNamesAsync()
    {
        await using var connection = db.Open();
        return (await connection.QueryAsync<string>("SELECT Name FROM Category ORDER BY Name COLLATE NOCASE")).ToList();
    }

    public async Task<IReadOnlyList<(string Slug, string Label)>> CriticsAsync()
    {
        await using var connection = db.Open();
        return (await connection.QueryAsync<(string, string)>("SELECT Slug, Name FROM Critic ORDER BY SortOrder, Slug")).ToList();
    }

    public Task<(SaveOutcome Outcome, long? Id)> CreateAsync(ToolContent tool, long editorId) =>
        db.WriteAsync<(SaveOutcome, long?)>(async (connection, tx) =>
        {
            if (SlugInUse(connection, tx, tool.Slug, exceptToolId: null)) return ((SaveOutcome.SlugTaken, null), null);
            const string sql = """
                INSERT INTO Tool (Slug, Name, Tagline, CategoryId, Vendor, Website, ReviewedOn, BestFor, PricingEntry, PricingSummary,
                                  InputMicroUsd, OutputMicroUsd, Description, DescriptionHtml, IsPublished, CreatedAt, UpdatedAt)
                VALUES (@Slug, @Name, @Tagline, @CategoryId, @Vendor, @Website, @Reviewed, @BestFor, @Entry, @Summary,
                        @InputMicroUsd, @OutputMicroUsd, @Description, @DescriptionHtml, @Published, @Now, @Now)
                RETURNING Id
                """;
            var id = await connection.ExecuteScalarAsync<long>(sql, ToolWrites.Parameters(connection, tx, tool, markdown, hash: null, DateTimeOffset.UtcNow), tx);
            Journal.Audit(connection, tx, editorId, "tool.create", "tool " + tool.Slug);
            return ((SaveOutcome.Saved, id), new Change.ToolsChanged([tool.Slug], [Slug.FromName(tool.Category)]));
        });

    /// <summary>
    /// Saves the tool's fields (not its reviews, not whether it is on the site: publishing, scheduling and
    /// taking off are their own audited steps) if nobody saved since <paramref name="version"/>.
    /// </summary>
    public Task<SaveOutcome> UpdateAsync(long id, long version, ToolContent tool, long editorId) =>
        db.WriteAsync<SaveOutcome>(async (connection, tx) =>
        {
            var old = await connection.QuerySingleOrDefaultAsync<SlugVersionRow>(
                "SELECT t.Slug, t.Version, c.Slug AS CategorySlug FROM Tool t JOIN Category c ON c.Id = t.CategoryId WHERE t.Id = @Id", new { Id = id }, tx);
            if (old is null) return (SaveOutcome.NotFound, null);
            if (old.Version != version) return (SaveOutcome.Conflict, null);
            if (tool.Slug != old.Slug && SlugInUse(connection, tx, tool.Slug, exceptToolId: id)) return (SaveOutcome.SlugTaken, null);

            const string sql = """
                UPDATE Tool SET
                    Slug = @Slug, Name = @Name, Tagline = @Tagline, CategoryId = @CategoryId, Vendor = @Vendor, Website = @Website,
                    ReviewedOn = @Reviewed, BestFor = @BestFor, PricingEntry = @Entry, PricingSummary = @Summary,
                    InputMicroUsd = @InputMicroUsd, OutputMicroUsd = @OutputMicroUsd, Description = @Description,
                    DescriptionHtml = @DescriptionHtml, ContentHash = NULL,
                    Version = Version + 1, UpdatedAt = @Now
                WHERE Id = @Id AND Version = @Version
                """;
            var p = ToolWrites.Parameters(connection, tx, tool, markdown, hash: null, DateTimeOffset.UtcNow);
            p.Add("Id", id);
            p.Add("Version", version);
            if (await connection.ExecuteAsync(sql, p, tx) == 0) return (SaveOutcome.Conflict, null);

            var detail = "";
            if (tool.Slug != old.Slug)
            {
                // The old slug answers 301 forever; renaming back removes the now-pointless redirect.
                const string redirect = """
                    INSERT INTO SlugRedirect (OldSlug, ToolId, At) VALUES (@OldSlug, @ToolId, @Now)
                    ON CONFLICT (OldSlug) DO UPDATE SET ToolId = excluded.ToolId, At = excluded.At;
                    DELETE FROM SlugRedirect WHERE OldSlug = @NewSlug AND ToolId = @ToolId;
                    """;
                await connection.ExecuteAsync(redirect, new { OldSlug = old.Slug, NewSlug = tool.Slug, ToolId = id, Now = DateTimeOffset.UtcNow }, tx);
                detail = $"slug {old.Slug} → {tool.Slug}";
            }
            Journal.Audit(connection, tx, editorId, "tool.update", "tool " + tool.Slug, detail);
            // Pages under the old slug and category showed the tool too (a rename, a move).
            return (SaveOutcome.Saved, new Change.ToolsChanged([old.Slug, tool.Slug], [old.CategorySlug, Slug.FromName(tool.Category)]));
        });

    public Task<SaveOutcome> SetPublishedAsync(long id, long version, bool published, long editorId)
    {
        const string sql = """
            UPDATE Tool SET IsPublished = @Published, PublishAt = NULL, ContentHash = NULL, Version = Version + 1, UpdatedAt = @Now
            WHERE Id = @Id AND Version = @Version
            RETURNING Slug
            """;
        return db.WriteAsync<SaveOutcome>(async (connection, tx) =>
        {
            var slug = await connection.ExecuteScalarAsync<string?>(sql, new { Id = id, Version = version, Published = published, Now = DateTimeOffset.UtcNow }, tx);
            if (slug is null) return (await ExistsAsync(connection, tx, id) ? SaveOutcome.Conflict : SaveOutcome.NotFound, null);
            Journal.Audit(connection, tx, editorId, published ? "tool.publish" : "tool.unpublish", "tool " + slug);
            return (SaveOutcome.Saved, new Change.ToolsChanged([slug], [await CategorySlugAsync(connection, tx, id)]));
        });
    }

    /// <summary>
    /// Schedules a draft to be published at <paramref name="at"/> (UTC), or with null cancels its schedule.
    /// The publisher (<see cref="PublishDueAsync"/>) acts on it; until then it stays a draft.
    /// </summary>
    public Task<SaveOutcome> ScheduleAsync(long id, long version, DateTimeOffset? at, long editorId)
    {
        const string sql = """
            UPDATE Tool SET PublishAt = @At, ContentHash = NULL, Version = Version + 1, UpdatedAt = @Now
            WHERE Id = @Id AND Version = @Version AND IsPublished = 0
            RETURNING Slug
            """;
        return db.WriteAsync<SaveOutcome>(async (connection, tx) =>
        {
            var slug = await connection.ExecuteScalarAsync<string?>(sql, new { Id = id, Version = version, At = at?.ToUniversalTime(), Now = DateTimeOffset.UtcNow }, tx);
            if (slug is null)
            {
                var current = await connection.ExecuteScalarAsync<long?>("SELECT Version FROM Tool WHERE Id = @Id", new { Id = id }, tx);
                return (current is null ? SaveOutcome.NotFound : current != version ? SaveOutcome.Conflict : SaveOutcome.AlreadyPublished, null);
            }
            if (at is { } when)
                Journal.Audit(connection, tx, editorId, "tool.schedule", "tool " + slug, ScheduleText(when));
            else
                Journal.Audit(connection, tx, editorId, "tool.unschedule", "tool " + slug);
            return (SaveOutcome.Saved, new Change.DraftsChanged([slug]));
        });
    }

    /// <summary>
    /// Publishes every draft whose scheduled time is at or before <paramref name="now"/>, in one transaction
    /// audited as the scheduler's. Safe on any number of nodes: a draft is taken by one statement, once.
    /// </summary>
    public async Task<IReadOnlyList<ScheduledPublication>> PublishDueAsync(DateTimeOffset now)
    {
        const string due = """
            SELECT t.Id, t.Slug, t.PublishAt, c.Slug AS CategorySlug
            FROM Tool t JOIN Category c ON c.Id = t.CategoryId
            WHERE t.IsPublished = 0 AND t.PublishAt IS NOT NULL AND t.PublishAt <= @Now
            ORDER BY t.PublishAt, t.Slug
            """;
        // Only the drafts just read (one more may fall due in between): another node may publish the same
        // ones at the same moment, so only the rows this statement changed are this node's to audit and announce.
        const string publishSqlite = """
            UPDATE Tool SET IsPublished = 1, PublishAt = NULL, ContentHash = NULL, Version = Version + 1, UpdatedAt = @Now
            WHERE Id IN @Ids AND IsPublished = 0 AND PublishAt IS NOT NULL
            RETURNING Id
            """;
        const string publishPostgreSql = """
            UPDATE Tool SET IsPublished = 1, PublishAt = NULL, ContentHash = NULL, Version = Version + 1, UpdatedAt = @Now
            WHERE Id = ANY(@Ids) AND IsPublished = 0 AND PublishAt IS NOT NULL
            RETURNING Id
            """;
        // Most runs find nothing due: a read answers that without taking the write lock.
        const string anyDue = "SELECT EXISTS (SELECT 1 FROM Tool WHERE PublishAt IS NOT NULL AND PublishAt <= @Now AND IsPublished = 0)";
        await using (var reader = db.Open())
        {
            if (!await reader.ExecuteScalarAsync<bool>(anyDue, new { Now = now.ToUniversalTime() })) return [];
        }
        return await db.WriteAsync<IReadOnlyList<ScheduledPublication>>(async (connection, tx) =>
        {
            var at = new { Now = now.ToUniversalTime() };
            var rows = (await connection.QueryAsync<DueRow>(due, at, tx)).ToList();
            if (rows.Count == 0) return ([], null);
            var ids = rows.Select(r => r.Id).ToArray();
            var mine = (await connection.QueryAsync<long>(db.Sql(publishSqlite, publishPostgreSql), new { at.Now, Ids = ids }, tx)).ToHashSet();
            rows.RemoveAll(r => !mine.Contains(r.Id));
            if (rows.Count == 0) return ([], null);
            foreach (var row in rows)
                Journal.Audit(connection, tx, editorId: null, "tool.publish", "tool " + row.Slug, "as scheduled for " + ScheduleText(row.PublishAt));
            return (rows.Select(r => new ScheduledPublication(r.Id, r.Slug, r.PublishAt)).ToList(), new Change.ToolsChanged(
                rows.Select(r => r.Slug).ToList(), rows.Select(r => r.CategorySlug).Distinct(StringComparer.Ordinal).ToList()));
        });
    }

    /// <summary>A schedule as editors read it: <c>2026-12-10 09:00 UTC</c>.</summary>
    public static string ScheduleText(DateTimeOffset at) =>
        at.ToUniversalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC";

    /// <summary>Replaces the tool's reviews with <paramref name="reviews"/> (one per critic at most).</summary>
    public Task<SaveOutcome> SaveReviewsAsync(long id, long version, IReadOnlyList<ReviewContent> reviews, long editorId) =>
        db.WriteAsync<SaveOutcome>(async (connection, tx) =>
        {
            var now = DateTimeOffset.UtcNow;
            var slug = await connection.ExecuteScalarAsync<string?>("""
                UPDATE Tool SET Version = Version + 1, UpdatedAt = @Now, ContentHash = NULL
                WHERE Id = @Id AND Version = @Version
                RETURNING Slug
                """, new { Id = id, Version = version, Now = now }, tx);
            if (slug is null) return (await ExistsAsync(connection, tx, id) ? SaveOutcome.Conflict : SaveOutcome.NotFound, null);

            var before = (await connection.QueryAsync<ReviewEditRow>("""
                SELECT k.Slug AS Critic, r.Score, r.Verdict, r.Quote, r.ReviewedOn
                FROM Review r JOIN Critic k ON k.Id = r.CriticId WHERE r.ToolId = @Id
                """, new { Id = id }, tx)).ToDictionary(r => r.Critic, StringComparer.Ordinal);

            await connection.ExecuteAsync("DELETE FROM Review WHERE ToolId = @Id", new { Id = id }, tx);
            const string insert = """
                INSERT INTO Review (ToolId, CriticId, Score, Verdict, Quote, ReviewedOn, UpdatedAt)
                SELECT @ToolId, Id, @Score, @Verdict, @Quote,
                       COALESCE(@ReviewedOn, (SELECT ReviewedOn FROM Tool WHERE Id = @ToolId)), @Now
                FROM Critic WHERE Slug = @Critic
                """;
            foreach (var r in reviews)
            {
                await connection.ExecuteAsync(insert, new
                {
                    ToolId = id, r.Critic, r.Score, Verdict = ContentRules.VerdictToken(r.Verdict), r.Quote,
                    ReviewedOn = r.Reviewed, Now = now,
                }, tx);
                var verdict = ContentRules.VerdictToken(r.Verdict);
                var summary = string.Create(CultureInfo.InvariantCulture, $"{r.Critic}: {r.Score} {verdict}");
                if (!before.TryGetValue(r.Critic, out var old))
                    Journal.Audit(connection, tx, editorId, "review.create", "tool " + slug, summary);
                else if (old.Score != r.Score || old.Verdict != verdict || old.Quote != r.Quote || Rows.Date(old.ReviewedOn) != r.Reviewed)
                    Journal.Audit(connection, tx, editorId, "review.update", "tool " + slug, summary);
            }
            foreach (var removed in before.Keys.Except(reviews.Select(r => r.Critic), StringComparer.Ordinal))
                Journal.Audit(connection, tx, editorId, "review.delete", "tool " + slug, removed);

            Journal.RecordVerdict(connection, tx, id, DateOnly.FromDateTime(now.UtcDateTime).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            return (SaveOutcome.Saved, new Change.ToolsChanged([slug], [await CategorySlugAsync(connection, tx, id)]));
        });

    /// <summary>A slug is taken by another tool, or by another tool's old URL (which must keep redirecting).</summary>
    private static bool SlugInUse(IDbConnection connection, IDbTransaction tx, string slug, long? exceptToolId)
    {
        const string sql = """
            SELECT EXISTS (SELECT 1 FROM Tool WHERE Slug = @Slug AND (@Except IS NULL OR Id <> @Except))
                OR EXISTS (SELECT 1 FROM SlugRedirect WHERE OldSlug = @Slug AND (@Except IS NULL OR ToolId <> @Except))
            """;
        return connection.ExecuteScalar<bool>(sql, new { Slug = slug, Except = exceptToolId }, tx);
    }

    private static Task<string> CategorySlugAsync(IDbConnection connection, IDbTransaction tx, long id) =>
        connection.ExecuteScalarAsync<string>("SELECT c.Slug FROM Tool t JOIN Category c ON c.Id = t.CategoryId WHERE t.Id = @Id", new { Id = id }, tx)!;

    private static async Task<bool> ExistsAsync(IDbConnection connection, IDbTransaction tx, long id) =>
        await connection.ExecuteScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM Tool WHERE Id = @Id)", new { Id = id }, tx);

    private static string EscapeLike(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);

    private sealed class SlugVersionRow
    {
        public string Slug { get; init; } = "";
        public long Version { get; init; }
        public string CategorySlug { get; init; } = "";
    }

    private sealed class DueRow
    {
        public long Id { get; init; }
        public string Slug { get; init; } = "";
        public DateTimeOffset PublishAt { get; init; }
        public string CategorySlug { get; init; } = "";
    }

    private sealed class AdminToolRowData
    {
        public DateTimeOffset? PublishAt { get; init; }
        public long Id { get; init; }
        public string Slug { get; init; } = "";
        public string Name { get; init; } = "";
        public string Category { get; init; } = "";
        public bool IsPublished { get; init; }
        public string UpdatedAt { get; init; } = "";
        public int Ships { get; init; }
        public int Skips { get; init; }
    }

    private sealed class ReviewEditRow
    {
        public string Critic { get; init; } = "";
        public int Score { get; init; }
        public string Verdict { get; init; } = "";
        public string Quote { get; init; } = "";
        public string? ReviewedOn { get; init; }
    }
}
