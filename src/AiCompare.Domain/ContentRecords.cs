using System.Text.Json.Serialization;

namespace AiCompare.Domain;

/// <summary>A problem with one field of a tool or critic, named as the content format names it.</summary>
public sealed record FieldProblem(string Field, string Message);

/// <summary>A tool as written by a person (a content file or an admin form): raw text, not yet trusted.</summary>
public sealed record ToolDraft(
    string Slug,
    string? Name,
    string? Tagline,
    string? Category,
    string? Vendor,
    string? Website,
    string? Reviewed,
    string? BestFor,
    string? Entry,
    string? PricingSummary,
    string? InputPerMTok,
    string? OutputPerMTok,
    IReadOnlyList<ReviewDraft> Reviews,
    string? Description,
    string? Published = null)
{
    /// <summary>When a draft goes on the site (<c>publish_at</c>), as written.</summary>
    public string? PublishAt { get; init; }

    /// <summary>The slugs the tool had before (<c>old_slugs</c>): each answers 301 to the current one.</summary>
    public IReadOnlyList<string>? OldSlugs { get; init; }
}

/// <summary>A review as written by a person; <paramref name="Reviewed"/> defaults to the tool's date.</summary>
public sealed record ReviewDraft(string? Critic, string? Score, string? Verdict, string? Quote, string? Reviewed = null);

/// <summary>A critic as written by a person.</summary>
public sealed record CriticDraft(
    string Slug,
    string? Name,
    string? Label,
    string? Role,
    string? Motto,
    string? Order,
    IReadOnlyList<string> ExcitedAbout,
    IReadOnlyList<string> TiredOf,
    string? Bio);

/// <summary>A validated tool, ready to store.</summary>
public sealed record ToolContent(
    string Slug,
    string Name,
    string Tagline,
    string Category,
    string? Vendor,
    string? Website,
    DateOnly? Reviewed,
    string? BestFor,
    Pricing Pricing,
    IReadOnlyList<ReviewContent> Reviews,
    string Description,
    bool Published = true)
{
    /// <summary>When a draft is scheduled to go on the site (UTC); only a draft has one.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? PublishAt { get; init; }

    /// <summary>Slugs the tool had before, sorted; null when none. Each keeps answering 301.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? OldSlugs { get; init; }
}

/// <summary>A validated review.</summary>
public sealed record ReviewContent(string Critic, int Score, ReviewVerdict Verdict, string Quote, DateOnly? Reviewed = null);

/// <summary>A validated critic.</summary>
public sealed record CriticContent(
    string Slug,
    string Name,
    string Label,
    string? Role,
    string? Motto,
    int Order,
    IReadOnlyList<string> ExcitedAbout,
    IReadOnlyList<string> TiredOf,
    string Bio);
