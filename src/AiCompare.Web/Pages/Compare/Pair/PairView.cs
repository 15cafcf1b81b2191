using AiCompare.Data;
using AiCompare.Domain;
using AiCompare.Web.Pages.Shared.SiteLayout;
using AiCompare.Web.Pages.Votes;

namespace AiCompare.Web.Pages.Compare.Pair;

/// <summary>A comparison page: both tools, the scorecard, the pricing read for a workload, and pairs to try next.</summary>
public sealed record PairView(
    PageFrame Frame,
    ToolSnapshot A,
    ToolSnapshot B,
    string Path,
    IReadOnlyList<ScorecardRow> Scorecard,
    string? Disagreement,
    WorkloadForm Workload,
    IReadOnlyList<SuggestedPair> Others)
{
    /// <summary>The reader's own vote just counted (a form post without JavaScript came back here), else null.</summary>
    public VoteNotice? Voted { get; init; }

    public string Description =>
        $"{A.Tool.Name} vs {B.Tool.Name}: panel verdict {A.Panel.DecisionText} against {B.Panel.DecisionText}, " +
        "pricing read, reviewer scorecard and community vote, side by side.";

    public string ShareText =>
        $"{A.Tool.Name} vs {B.Tool.Name}: {A.Tool.Name} {A.Panel.VerdictLabel.ToUpperInvariant()} ({A.Panel.Ships}/{A.Panel.Skips}), " +
        $"{B.Tool.Name} {B.Panel.VerdictLabel.ToUpperInvariant()} ({B.Panel.Ships}/{B.Panel.Skips}) from the panel";
}

/// <summary>A comparison that could not be found: unknown slugs, close names, and any tool that does exist.</summary>
public sealed record MissingPair(IReadOnlyList<string> Unknown, IReadOnlyList<ToolName> Suggestions, IReadOnlyList<Tool> Known);

/// <summary>The helpful 404 of a comparison path.</summary>
public sealed record PairNotFoundView(PageFrame Frame, MissingPair Missing);
