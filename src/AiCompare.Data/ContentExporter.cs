using System.Globalization;
using System.IO.Compression;
using System.Text;
using Dapper;

namespace AiCompare.Data;

/// <summary>
/// Writes the whole catalog (published or not) as <c>reviewers/*.md</c> and <c>tools/*.md</c> in the
/// content format, so that <see cref="ContentImporter"/> reads it back unchanged. Deterministic: the
/// same data gives the same bytes.
/// </summary>
public sealed class ContentExporter(Db db)
{
    private static readonly DateTimeOffset EntryTime = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public void WriteZip(Stream output)
    {
        using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        foreach (var (path, text) in Files())
        {
            var entry = zip.CreateEntry(path, CompressionLevel.Optimal);
            entry.LastWriteTime = EntryTime;
            using var stream = entry.Open();
            var bytes = Encoding.UTF8.GetBytes(text);
            stream.Write(bytes);
        }
    }

    /// <summary>Every file of the export, sorted by path.</summary>
    public IReadOnlyList<(string Path, string Text)> Files()
    {
        const string sql = """
            SELECT Slug, Name, Label, Role, Motto, SortOrder, ExcitedAbout, TiredOf, Bio
            FROM Critic ORDER BY Slug;

            SELECT t.Id, t.Slug, t.Name, t.Tagline, c.Name AS Category, t.Vendor, t.Website, t.ReviewedOn, t.BestFor,
                   t.PricingEntry, t.PricingSummary, t.InputMicroUsd, t.OutputMicroUsd, t.Description, t.IsPublished, t.PublishAt
            FROM Tool t JOIN Category c ON c.Id = t.CategoryId
            ORDER BY t.Slug;

            SELECT ToolId, OldSlug FROM SlugRedirect ORDER BY ToolId, OldSlug;

            SELECT r.ToolId, k.Slug AS Critic, r.Score, r.Verdict, r.Quote, r.ReviewedOn
            FROM Review r JOIN Critic k ON k.Id = r.CriticId
            ORDER BY r.ToolId, k.SortOrder, k.Slug;
            """;
        using var connection = db.Open();
        using var grid = connection.QueryMultiple(sql);
        var critics = grid.Read<CriticRow>().ToList();
        var tools = grid.Read<ToolRow>().ToList();
        var oldSlugs = grid.Read<(long ToolId, string OldSlug)>().ToLookup(r => r.ToolId, r => r.OldSlug);
        var reviews = grid.Read<ReviewRow>().ToLookup(r => r.ToolId);

        var files = new List<(string, string)>();
        foreach (var c in critics) files.Add(($"reviewers/{c.Slug}.md", Critic(c)));
        foreach (var t in tools) files.Add(($"tools/{t.Slug}.md", Tool(t, oldSlugs[t.Id].Order(StringComparer.Ordinal).ToList(), reviews[t.Id])));
        return files.OrderBy(f => f.Item1, StringComparer.Ordinal).ToList();
    }

    private static string Critic(CriticRow c)
    {
        var y = new StringBuilder("---\n");
        Field(y, "name", c.Name);
        Field(y, "label", c.Label);
        Field(y, "role", c.Role);
        Field(y, "motto", c.Motto);
        y.Append("order: ").Append(c.SortOrder.ToString(CultureInfo.InvariantCulture)).Append('\n');
        List(y, "excited_about", c.ExcitedAboutList);
        List(y, "tired_of", c.TiredOfList);
        return Body(y, c.Bio);
    }

    private static string Tool(ToolRow t, IReadOnlyList<string> oldSlugs, IEnumerable<ReviewRow> reviews)
    {
        var y = new StringBuilder("---\n");
        Field(y, "name", t.Name);
        Field(y, "tagline", t.Tagline);
        Field(y, "category", t.Category);
        Field(y, "vendor", t.Vendor);
        Field(y, "website", t.Website);
        if (t.ReviewedOn is not null) y.Append("reviewed: ").Append(t.ReviewedOn).Append('\n');
        Field(y, "best_for", t.BestFor);
        if (!t.IsPublished) y.Append("published: false\n");
        if (!t.IsPublished && t.PublishAt is { } at)
            y.Append("publish_at: ").Append(at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)).Append('\n');
        if (oldSlugs.Count > 0) List(y, "old_slugs", oldSlugs);
        y.Append("pricing:\n");
        y.Append("  entry: ").Append(t.PricingEntry).Append('\n');
        y.Append("  summary: ").Append(Quote(t.PricingSummary)).Append('\n');
        if (MicroUsd.To(t.InputMicroUsd) is { } input) y.Append("  input_per_mtok: ").Append(input.ToString(CultureInfo.InvariantCulture)).Append('\n');
        if (MicroUsd.To(t.OutputMicroUsd) is { } output) y.Append("  output_per_mtok: ").Append(output.ToString(CultureInfo.InvariantCulture)).Append('\n');
        var list = reviews.ToList();
        if (list.Count > 0)
        {
            y.Append("reviews:\n");
            foreach (var r in list)
            {
                y.Append("  - critic: ").Append(r.Critic).Append('\n');
                y.Append("    score: ").Append(r.Score.ToString(CultureInfo.InvariantCulture)).Append('\n');
                y.Append("    verdict: ").Append(r.Verdict).Append('\n');
                y.Append("    quote: ").Append(Quote(r.Quote)).Append('\n');
                if (r.ReviewedOn is not null && r.ReviewedOn != t.ReviewedOn) y.Append("    reviewed: ").Append(r.ReviewedOn).Append('\n');
            }
        }
        return Body(y, t.Description);
    }

    private static string Body(StringBuilder yaml, string markdown) =>
        yaml.Append("---\n").Append(markdown).Append(markdown.Length > 0 ? "\n" : "").ToString();

    private static void Field(StringBuilder y, string key, string? value)
    {
        if (value is not null) y.Append(key).Append(": ").Append(Quote(value)).Append('\n');
    }

    private static void List(StringBuilder y, string key, IReadOnlyList<string> items)
    {
        y.Append(key).Append(": [").Append(string.Join(", ", items.Select(Quote))).Append("]\n");
    }

    /// <summary>A YAML double-quoted scalar: any text survives, whatever it contains.</summary>
    public static string Quote(string text)
    {
        var sb = new StringBuilder(text.Length + 2).Append('"');
        foreach (var ch in text)
        {
            switch (ch)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\u0085': sb.Append("\\N"); break;
                case '\u2028': sb.Append("\\L"); break;
                case '\u2029': sb.Append("\\P"); break;
                case '\uFEFF': sb.Append("\\uFEFF"); break;
                case < ' ' or '\u007F':
                    sb.Append("\\x").Append(((int)ch).ToString("X2", CultureInfo.InvariantCulture));
                    break;
                default: sb.Append(ch); break;
            }
        }
        return sb.Append('"').ToString();
    }

    private sealed class ReviewRow
    {
        public long ToolId { get; init; }
        public string Critic { get; init; } = "";
        public int Score { get; init; }
        public string Verdict { get; init; } = "";
        public string Quote { get; init; } = "";
        public string? ReviewedOn { get; init; }
    }
}
