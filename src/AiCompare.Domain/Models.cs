namespace AiCompare.Domain;

/// <summary>A critic's call on one tool.</summary>
public enum ReviewVerdict
{
    Ship,
    Skip,
}

/// <summary>How a tool is priced at the entry level.</summary>
public enum PricingEntry
{
    Free,
    Freemium,
    Paid,
}

/// <summary>A member of the review panel.</summary>
public sealed record Critic(
    string Slug,
    string Name,
    string Label,
    string? Role,
    string? Motto,
    int Order,
    IReadOnlyList<string> ExcitedAbout,
    IReadOnlyList<string> TiredOf,
    string BioHtml);

/// <summary>Entry tier, human summary and optional per-token prices (USD per 1M tokens).</summary>
public sealed record Pricing(PricingEntry Entry, string Summary, decimal? InputPerMTok, decimal? OutputPerMTok);

/// <summary>A published tool as the public pages show it.</summary>
public sealed record Tool(
    long Id,
    string Slug,
    string Name,
    string Tagline,
    string Category,
    string CategorySlug,
    string? Vendor,
    string? Website,
    DateOnly? Reviewed,
    string? BestFor,
    Pricing Pricing,
    string DescriptionHtml)
{
    /// <summary>The "Best for" line: <c>best_for</c>, else the tagline.</summary>
    public string BestForText => string.IsNullOrWhiteSpace(BestFor) ? Tagline : BestFor;

    /// <summary>The single letter shown in the avatar.</summary>
    public string Initial => Name.Length == 0 ? "?"
        : char.IsHighSurrogate(Name[0]) && Name.Length > 1 ? Name[..2] // a whole emoji, never half of one
        : char.ToUpperInvariant(Name[0]).ToString();
}

/// <summary>One critic's review of one tool.</summary>
public sealed record Review(long ToolId, string CriticSlug, int Score, ReviewVerdict Verdict, string Quote);

/// <summary>A tool with its panel numbers, for lists.</summary>
public sealed record ToolSummary(string Slug, string Name, string Tagline, string Category, string CategorySlug, DateOnly? Reviewed, PricingEntry Entry, PanelSummary Panel);

/// <summary>A category and how many published tools it holds.</summary>
public sealed record CategoryCount(string Slug, string Name, int Tools);

/// <summary>Two tools worth comparing, already in canonical order.</summary>
public sealed record SuggestedPair(string SlugA, string NameA, string SlugB, string NameB)
{
    /// <summary>Builds a pair in canonical (ordinal slug) order.</summary>
    public static SuggestedPair Of(string slug1, string name1, string slug2, string name2) =>
        string.CompareOrdinal(slug1, slug2) <= 0
            ? new SuggestedPair(slug1, name1, slug2, name2)
            : new SuggestedPair(slug2, name2, slug1, name1);

    /// <summary>The pair's path segment, e.g. <c>a-vs-b</c>.</summary>
    public string Path => ComparePath.Canonical(SlugA, SlugB);
}
