using System.Globalization;

namespace AiCompare.Domain;

/// <summary>The community's ship/skip votes on a tool, under the same verdict rule as the panel.</summary>
public sealed record CommunityTally(int Ships, int Skips)
{
    public static readonly CommunityTally None = new(0, 0);

    public int Votes => Ships + Skips;

    /// <summary>Ships ÷ votes × 100, rounded half up; null without votes.</summary>
    public int? ShipPercent => Votes == 0 ? null : PanelSummary.RoundHalfUp(Ships * 100, Votes);

    public PanelVerdict Verdict => VerdictRule.Of(Ships, Skips);

    /// <summary>The hero figure: <c>64%</c>, or <c>—</c> without votes.</summary>
    public string HeroText => ShipPercent is { } p ? Texts.Percent(p) : "—";

    /// <summary>The decision-table row: <c>Ship · 64% of 25 votes</c>, or <c>No community votes yet</c>.</summary>
    public string DecisionText => Votes == 0
        ? "No community votes yet"
        : string.Create(CultureInfo.InvariantCulture, $"{VerdictRule.Label(Verdict)} · {ShipPercent}% of {Votes} {(Votes == 1 ? "vote" : "votes")}");
}
