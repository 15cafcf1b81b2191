using AiCompare.Domain;

namespace AiCompare.Data;

/// <summary>
/// A published tool with what every view of it shows: its panel reviews, the panel's numbers and the
/// community tally. The read model keeps these in memory; one is loaded in a single round trip.
/// </summary>
public sealed record ToolSnapshot(Tool Tool, IReadOnlyList<Review> Reviews, CommunityTally Community)
{
    public PanelSummary Panel { get; } = PanelSummary.From(Reviews);
}

/// <summary>A tool page: the tool, its reviews, the panel, the other tools of its category, its verdict history.</summary>
public sealed record ToolPageData(
    Tool Tool,
    IReadOnlyList<Critic> Panel,
    IReadOnlyList<Review> Reviews,
    IReadOnlyList<ToolSummary> SameCategory,
    int SameCategoryTotal,
    IReadOnlyList<VerdictChange> History,
    CommunityTally Community);

/// <summary>The panel's split on a tool from a given date.</summary>
public sealed record VerdictChange(string At, PanelSummary Panel);

/// <summary>The home page: latest verdicts and categories with counts.</summary>
public sealed record HomeData(IReadOnlyList<ToolSummary> Latest, IReadOnlyList<CategoryCount> Categories);

/// <summary>A tool's slug and name, for pickers and suggestions.</summary>
public sealed record ToolName(string Slug, string Name);
