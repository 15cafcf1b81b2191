using System.Globalization;
using System.Text.Json;
using AiCompare.Domain;

namespace AiCompare.Data;

/// <summary>
/// The Tool table's columns as Dapper reads them (with the category's name and slug joined in). Each
/// query selects what it needs; what it leaves out keeps its default.
/// </summary>
internal sealed class ToolRow
{
    public long Id { get; init; }
    public string Slug { get; init; } = "";
    public string Name { get; init; } = "";
    public string Tagline { get; init; } = "";
    public string Category { get; init; } = "";
    public string CategorySlug { get; init; } = "";
    public string? Vendor { get; init; }
    public string? Website { get; init; }
    public string? ReviewedOn { get; init; }
    public string? BestFor { get; init; }
    public string PricingEntry { get; init; } = "";
    public string PricingSummary { get; init; } = "";
    public long? InputMicroUsd { get; init; }
    public long? OutputMicroUsd { get; init; }
    public string Description { get; init; } = "";
    public string DescriptionHtml { get; init; } = "";
    public bool IsPublished { get; init; }
    public DateTimeOffset? PublishAt { get; init; }
    public long Version { get; init; }

    public DateOnly? Reviewed => Rows.Date(ReviewedOn);

    public Pricing Pricing => new(Rows.Entry(PricingEntry), PricingSummary, MicroUsd.To(InputMicroUsd), MicroUsd.To(OutputMicroUsd));

    // A category's name and slug repeat across thousands of tools: interned, every tool shares one string
    // (a smaller read model, and memory that a page render finds already in cache). Categories are few.
    public Tool ToDomain() => new(
        Id, Slug, Name, Tagline, string.Intern(Category), string.Intern(CategorySlug), Vendor, Website, Reviewed, BestFor, Pricing, DescriptionHtml);
}

/// <summary>The Critic table's columns as Dapper reads them.</summary>
internal sealed class CriticRow
{
    public string Slug { get; init; } = "";
    public string Name { get; init; } = "";
    public string Label { get; init; } = "";
    public string? Role { get; init; }
    public string? Motto { get; init; }
    public int SortOrder { get; init; }
    public string ExcitedAbout { get; init; } = "[]";
    public string TiredOf { get; init; } = "[]";
    public string Bio { get; init; } = "";
    public string BioHtml { get; init; } = "";

    /// <summary>Only when the query counts them: the critic's published reviews.</summary>
    public int Reviews { get; init; }

    public IReadOnlyList<string> ExcitedAboutList => Rows.List(ExcitedAbout);

    public IReadOnlyList<string> TiredOfList => Rows.List(TiredOf);

    public Critic ToDomain() => new(Slug, Name, Label, Role, Motto, SortOrder, ExcitedAboutList, TiredOfList, BioHtml);

    public CriticEditData ToEditData() => new(Slug, Name, Label, Role, Motto, SortOrder, ExcitedAboutList, TiredOfList, Bio);
}

/// <summary>A tool in a list, with its panel counts (and community tally when the query joins VoteTally).</summary>
internal class SummaryRow
{
    /// <summary>
    /// The columns every list selects (from <c>Tool t JOIN Category c</c>). Correlated sub-queries use
    /// UX_Review_Tool_Critic, so a list costs O(rows shown), not O(catalog).
    /// </summary>
    public const string Columns = """
        t.Slug, t.Name, t.Tagline, c.Name AS Category, c.Slug AS CategorySlug, t.ReviewedOn, t.PricingEntry,
        (SELECT COUNT(*) FROM Review r WHERE r.ToolId = t.Id AND r.Verdict = 'ship') AS Ships,
        (SELECT COUNT(*) FROM Review r WHERE r.ToolId = t.Id AND r.Verdict = 'skip') AS Skips,
        (SELECT COALESCE(SUM(r.Score), 0) FROM Review r WHERE r.ToolId = t.Id) AS ScoreTotal
        """;

    public string Slug { get; init; } = "";
    public string Name { get; init; } = "";
    public string Tagline { get; init; } = "";
    public string Category { get; init; } = "";
    public string CategorySlug { get; init; } = "";
    public string? ReviewedOn { get; init; }
    public string PricingEntry { get; init; } = "";
    public int Ships { get; init; }
    public int Skips { get; init; }
    public int ScoreTotal { get; init; }
    public int VoteShips { get; init; }
    public int VoteSkips { get; init; }

    public ToolSummary ToDomain() => new(
        Slug, Name, Tagline, Category, CategorySlug, Rows.Date(ReviewedOn), Rows.Entry(PricingEntry),
        new PanelSummary(Ships, Skips, ScoreTotal));

    public CommunityTally Community => new(VoteShips, VoteSkips);
}

/// <summary>Conversions from stored text.</summary>
internal static class Rows
{
    public static DateOnly? Date(string? text) =>
        text is null ? null : DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static PricingEntry Entry(string text) =>
        ContentRules.TryEntry(text, out var entry) ? entry : PricingEntry.Paid;

    public static IReadOnlyList<string> List(string json) => JsonSerializer.Deserialize<string[]>(json) ?? [];
}
