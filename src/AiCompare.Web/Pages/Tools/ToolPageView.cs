using AiCompare.Data;
using AiCompare.Domain;
using AiCompare.Web.Pages.Votes;

namespace AiCompare.Web.Pages.Tools;

/// <summary>What a tool's page shows (<c>_ToolBody.cshtml</c>): the public page's, or an editor's preview of a draft.</summary>
public sealed record ToolPageView(ToolPageData Data, CommunityTally Community, VoteNotice? Voted)
{
    public Tool Tool => Data.Tool;

    public PanelSummary Panel { get; } = PanelSummary.From(Data.Reviews);

    /// <summary>Every critic of the panel in order, with their review of the tool if they wrote one.</summary>
    public IReadOnlyList<(Critic Critic, Review? Review)> Reviews { get; } = Pair(Data);

    private static List<(Critic, Review?)> Pair(ToolPageData data)
    {
        var bySlug = data.Reviews.ToDictionary(r => r.CriticSlug, StringComparer.Ordinal);
        return data.Panel.Select(c => (c, bySlug.GetValueOrDefault(c.Slug))).ToList();
    }
}
