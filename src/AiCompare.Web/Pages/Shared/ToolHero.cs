using AiCompare.Domain;

namespace AiCompare.Web.Pages.Shared;

/// <summary>A hero card: the tool and its panel numbers.</summary>
public sealed record ToolHero(Tool Tool, PanelSummary Panel);
