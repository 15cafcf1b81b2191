namespace AiCompare.Domain;

/// <summary>"Did you mean…": ranks known slugs by closeness to what a reader typed.</summary>
public static class Suggestions
{
    public static IReadOnlyList<T> Closest<T>(string typed, IEnumerable<T> candidates, Func<T, string> slugOf, int max = 5)
    {
        var threshold = Math.Max(2, typed.Length / 3);
        return candidates
            .Select(c => (Item: c, Slug: slugOf(c)))
            .Select(c => (c.Item, c.Slug, Distance: Distance(typed, c.Slug), Prefix: c.Slug.StartsWith(typed, StringComparison.Ordinal) || typed.StartsWith(c.Slug, StringComparison.Ordinal)))
            .Where(c => c.Prefix || c.Distance <= threshold)
            .OrderBy(c => c.Distance)
            .ThenBy(c => c.Slug, StringComparer.Ordinal)
            .Take(max)
            .Select(c => c.Item)
            .ToList();
    }

    /// <summary>Levenshtein edit distance (two rows, no allocation per cell).</summary>
    public static int Distance(string a, string b)
    {
        if (a.Length == 0) return b.Length;
        if (b.Length == 0) return a.Length;
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
