using System.Globalization;

namespace AiCompare.Domain;

/// <summary>One critic's row of the reviewer scorecard: their review of each tool, if any.</summary>
public sealed record ScorecardRow(Critic Critic, Review? A, Review? B);

/// <summary>The critic who splits the two tools most.</summary>
public sealed record Disagreement(Critic Critic, Review A, Review B)
{
    public bool IsVerdictFlip => A.Verdict != B.Verdict;

    public int Gap => Math.Abs(A.Score - B.Score);

    /// <summary>One sentence for the page.</summary>
    public string Describe(string nameA, string nameB)
    {
        var c = CultureInfo.InvariantCulture;
        if (IsVerdictFlip)
        {
            var (shipped, shippedReview, skipped, skippedReview) = A.Verdict == ReviewVerdict.Ship
                ? (nameA, A, nameB, B)
                : (nameB, B, nameA, A);
            return string.Create(c, $"{Critic.Name} splits the pair: ships {shipped} ({shippedReview.Score}/100) but skips {skipped} ({skippedReview.Score}/100).");
        }
        if (Gap == 0)
            return string.Create(c, $"No critic separates them: {Critic.Name} gives both {A.Score}/100 and the same verdict.");
        var (higher, hi, lower, lo) = A.Score > B.Score ? (nameA, A.Score, nameB, B.Score) : (nameB, B.Score, nameA, A.Score);
        var verdict = A.Verdict == ReviewVerdict.Ship ? "ships both" : "skips both";
        return string.Create(c, $"{Critic.Name} sees the widest gap: {higher} {hi}/100 against {lower} {lo}/100, though {Critic.Name} {verdict}.");
    }
}

/// <summary>Comparison maths for the "X vs Y" page.</summary>
public static class Comparison
{
    /// <summary>One row per critic in panel order; a missing review stays null ("Not reviewed").</summary>
    public static IReadOnlyList<ScorecardRow> Scorecard(IEnumerable<Critic> panel, long toolA, long toolB, IEnumerable<Review> reviews)
    {
        // Plain loops: a panel is a handful of critics and a pair a handful of reviews, and this runs on
        // every comparison page rendered.
        var critics = panel as IReadOnlyList<Critic> ?? panel.ToList();
        if (!InPanelOrder(critics)) critics = critics.OrderBy(c => c.Order).ThenBy(c => c.Slug, StringComparer.Ordinal).ToList();
        var all = reviews as IReadOnlyList<Review> ?? reviews.ToList();
        var rows = new ScorecardRow[critics.Count];
        for (var i = 0; i < rows.Length; i++)
        {
            var critic = critics[i];
            Review? a = null, b = null;
            foreach (var review in all)
            {
                if (!string.Equals(review.CriticSlug, critic.Slug, StringComparison.Ordinal)) continue;
                if (review.ToolId == toolA) a ??= review;
                else if (review.ToolId == toolB) b ??= review;
            }
            rows[i] = new ScorecardRow(critic, a, b);
        }
        return rows;
    }

    private static bool InPanelOrder(IReadOnlyList<Critic> critics)
    {
        for (var i = 1; i < critics.Count; i++)
        {
            var (before, after) = (critics[i - 1], critics[i]);
            if (before.Order > after.Order || (before.Order == after.Order && string.CompareOrdinal(before.Slug, after.Slug) >= 0)) return false;
        }
        return true;
    }

    /// <summary>
    /// Among critics who reviewed both tools: a verdict flip beats any score gap, then the bigger gap,
    /// then panel order. Null when nobody reviewed both.
    /// </summary>
    public static Disagreement? WhereTheyDisagree(IEnumerable<ScorecardRow> scorecard)
    {
        ScorecardRow? best = null;
        foreach (var row in scorecard)
        {
            if (row.A is null || row.B is null) continue;
            if (best is null || Splits(row) > Splits(best)) best = row;
        }
        return best is null ? null : new Disagreement(best.Critic, best.A!, best.B!);

        // A verdict flip outranks any gap (gaps are at most 100); ties keep the earlier critic.
        static int Splits(ScorecardRow row) => (row.A!.Verdict != row.B!.Verdict ? 1_000 : 0) + Math.Abs(row.A.Score - row.B.Score);
    }

    /// <summary>
    /// Comparisons worth suggesting from a list of tools: each tool with the next one of the same
    /// category, in list order, canonical and without repeats.
    /// </summary>
    public static IReadOnlyList<SuggestedPair> SuggestPairs(IEnumerable<ToolSummary> tools, int max)
    {
        var pairs = new List<SuggestedPair>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var group in tools.GroupBy(t => t.CategorySlug, StringComparer.Ordinal))
        {
            var list = group.ToList();
            for (var i = 0; i + 1 < list.Count && pairs.Count < max; i++)
            {
                var pair = SuggestedPair.Of(list[i].Slug, list[i].Name, list[i + 1].Slug, list[i + 1].Name);
                if (seen.Add(pair.Path)) pairs.Add(pair);
            }
        }
        return pairs;
    }
}
