using AiCompare.Domain;

namespace AiCompare.Data;

/// <summary>A critic's call on one tool, for the critic's page.</summary>
public sealed record CriticVerdict(string ToolSlug, string ToolName, string Category, string CategorySlug, int Score, ReviewVerdict Verdict, string Quote);

/// <summary>How many tools of a category a critic reviewed, and shipped.</summary>
public sealed record CriticCategory(string Slug, string Name, int Tools, int Shipped);

/// <summary>The critic page: who they are, their counts by category, and one page of their verdicts (optionally one category's).</summary>
public sealed record CriticPageData(Critic Critic, IReadOnlyList<CriticCategory> Categories, ListPage<CriticVerdict> Verdicts);

/// <summary>A ranked line of a category page.</summary>
public sealed record RankedTool(ToolSummary Tool, CommunityTally Community);

/// <summary>A category page: one page of its tools ranked by the panel.</summary>
public sealed record CategoryPageData(CategoryCount Category, ListPage<RankedTool> Tools);
