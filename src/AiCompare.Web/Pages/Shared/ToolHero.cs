using AiCompare.Domain;

namespace AiCompare.Web.Pages.Shared;

/// <summary>A hero card: the tool, its panel numbers and the community's, and where a vote returns to.</summary>
public sealed record ToolHero(Tool Tool, PanelSummary Panel, CommunityTally Community, string ReturnPath);
