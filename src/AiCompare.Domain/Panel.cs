using System.Globalization;

namespace AiCompare.Domain;

/// <summary>The panel's overall call on a tool.</summary>
public enum PanelVerdict
{
    None,
    Ship,
    Skip,
    Mixed,
}

/// <summary>
/// The panel's numbers for one tool. One rule everywhere: built from counts so that SQL aggregates
/// and in-memory reviews give the same answer.
/// </summary>
public sealed record PanelSummary(int Ships, int Skips, int ScoreTotal)
{
    public static readonly PanelSummary Empty = new(0, 0, 0);

    public static PanelSummary From(IEnumerable<Review> reviews)
    {
        int ships = 0, skips = 0, total = 0;
        foreach (var r in reviews)
        {
            if (r.Verdict == ReviewVerdict.Ship) ships++; else skips++;
            total += r.Score;
        }
        return new PanelSummary(ships, skips, total);
    }

    public int Reviews => Ships + Skips;

    /// <summary>Ships ÷ reviews × 100, rounded half up; null with no reviews.</summary>
    public int? ShipPercent => Reviews == 0 ? null : RoundHalfUp(Ships * 100, Reviews);

    /// <summary>Mean score rounded half up; null with no reviews.</summary>
    public int? Average => Reviews == 0 ? null : RoundHalfUp(ScoreTotal, Reviews);

    public PanelVerdict Verdict => VerdictRule.Of(Ships, Skips);

    public string VerdictLabel => VerdictRule.Label(Verdict);

    /// <summary>e.g. <c>75%</c>, or <c>—</c> with no reviews.</summary>
    public string ShipPercentText => ShipPercent is { } p ? Texts.Percent(p) : "—";

    /// <summary>e.g. <c>avg 79/100</c>, or <c>No scores yet</c>.</summary>
    public string AverageText => Average is { } a ? Texts.AverageOutOf100(a) : "No scores yet";

    /// <summary>The decision-table row, e.g. <c>Ship · 3 ship / 1 skip</c>.</summary>
    public string DecisionText => Reviews == 0
        ? VerdictRule.Label(PanelVerdict.None)
        : Ships < Texts.SmallCount && Skips < Texts.SmallCount ? Texts.PanelDecisions[Ships, Skips] : Decision(Ships, Skips);

    internal static string Decision(int ships, int skips) =>
        string.Create(CultureInfo.InvariantCulture, $"{VerdictRule.Label(VerdictRule.Of(ships, skips))} · {ships} ship / {skips} skip");

    /// <summary>Non-negative integer division rounded half up, without floating point.</summary>
    public static int RoundHalfUp(int numerator, int denominator) => (2 * numerator + denominator) / (2 * denominator);
}

/// <summary>
/// The figures pages show for every tool, made once rather than on every render: percentages and
/// averages run from 0 to 100, and a panel has a handful of critics.
/// </summary>
internal static class Texts
{
    public const int SmallCount = 10;

    private static readonly string[] Percents = [.. Enumerable.Range(0, 101).Select(i => i.ToString(CultureInfo.InvariantCulture) + "%")];
    private static readonly string[] Averages = [.. Enumerable.Range(0, 101).Select(i => string.Create(CultureInfo.InvariantCulture, $"avg {i}/100"))];

    public static readonly string[,] PanelDecisions = Table(PanelSummary.Decision);

    public static string Percent(int value) =>
        (uint)value < Percents.Length ? Percents[value] : value.ToString(CultureInfo.InvariantCulture) + "%";

    public static string AverageOutOf100(int value) =>
        (uint)value < Averages.Length ? Averages[value] : string.Create(CultureInfo.InvariantCulture, $"avg {value}/100");

    private static string[,] Table(Func<int, int, string> text)
    {
        var table = new string[SmallCount, SmallCount];
        for (var ships = 0; ships < SmallCount; ships++)
            for (var skips = 0; skips < SmallCount; skips++) table[ships, skips] = text(ships, skips);
        return table;
    }
}

/// <summary>The verdict rule shared by the panel and (later) the community vote.</summary>
public static class VerdictRule
{
    public static PanelVerdict Of(int ships, int skips) =>
        ships + skips == 0 ? PanelVerdict.None
        : ships > skips ? PanelVerdict.Ship
        : skips > ships ? PanelVerdict.Skip
        : PanelVerdict.Mixed;

    public static string Label(PanelVerdict verdict) => verdict switch
    {
        PanelVerdict.Ship => "Ship",
        PanelVerdict.Skip => "Skip",
        PanelVerdict.Mixed => "Mixed",
        _ => "No verdict yet",
    };

    /// <summary>A CSS-friendly token for the verdict: ship, skip, mixed or none.</summary>
    public static string Token(PanelVerdict verdict) => verdict.ToString().ToLowerInvariant();
}
