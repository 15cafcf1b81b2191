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
        var byKey = reviews.ToDictionary(r => (r.ToolId, r.CriticSlug));
        return panel
            .OrderBy(c => c.Order).ThenBy(c => c.Slug, StringComparer.Ordinal)
            .Select(c => new ScorecardRow(
                c,
                byKey.GetValueOrDefault((toolA, c.Slug)),
                byKey.GetValueOrDefault((toolB, c.Slug))))
            .ToList();
    }

    /// <summary>
    /// Among critics who reviewed both tools: a verdict flip beats any score gap, then the bigger gap,
    /// then panel order. Null when nobody reviewed both.
    /// </summary>
    public static Disagreement? WhereTheyDisagree(IEnumerable<ScorecardRow> scorecard) =>
        scorecard
            .Where(r => r.A is not null && r.B is not null)
            .Select(r => new Disagreement(r.Critic, r.A!, r.B!))
            .OrderByDescending(d => d.IsVerdictFlip)
            .ThenByDescending(d => d.Gap)
            .FirstOrDefault();

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
