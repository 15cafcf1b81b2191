namespace AiCompare.Domain;

/// <summary>
/// "Did you mean…" for search: which slug prefixes to read tools under for what a reader typed, and which of
/// the tools read are close to it. Reading by prefix keeps the work bounded on any catalog; the keys undo a
/// typo in the first letters, which a plain prefix would miss.
/// </summary>
public static class TypoSuggestions
{
    /// <summary>How much of the typed slug is compared: enough for any name, bounded for hostile input.</summary>
    public const int MaxTypedLength = 40;

    private const int KeyLength = 3;

    /// <summary>
    /// The slug prefixes a mistyped tool is found under: the first three letters and the first two, then the
    /// first three with one slip in them undone (two letters swapped, one letter too many). Empty for under
    /// three letters: too little to guess from.
    /// </summary>
    public static IReadOnlyList<string> Keys(string typedSlug)
    {
        var s = typedSlug.Length > KeyLength + 1 ? typedSlug[..(KeyLength + 1)] : typedSlug;
        if (s.Length < KeyLength) return [];
        var keys = new List<string> { s[..KeyLength], s[..(KeyLength - 1)] };
        for (var i = 0; i < KeyLength - 1; i++)
        {
            var swapped = s.ToCharArray();
            (swapped[i], swapped[i + 1]) = (swapped[i + 1], swapped[i]);
            keys.Add(new string(swapped)[..KeyLength]);
        }
        for (var i = 0; i < KeyLength; i++)
        {
            var shorter = s.Remove(i, 1);
            keys.Add(shorter.Length > KeyLength ? shorter[..KeyLength] : shorter);
        }
        return keys.Select(k => k.Trim('-')).Where(k => k.Length >= KeyLength - 1).Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// The candidates whose slug starts with something within a typo or two of what was typed (one per four
    /// letters typed), closest first, at most <paramref name="max"/>. "mistrl" is one edit from the start of
    /// <c>mistral-code</c>, so Mistral Code is close; a slug is never close to what shares no letters with it.
    /// </summary>
    public static IReadOnlyList<T> Closest<T>(string typedSlug, IEnumerable<T> candidates, Func<T, string> slugOf, int max)
    {
        var typed = typedSlug.Length > MaxTypedLength ? typedSlug[..MaxTypedLength] : typedSlug;
        if (typed.Length < KeyLength || max <= 0) return [];
        var threshold = Math.Max(1, typed.Length / 4);
        return candidates
            .Select(c => (Item: c, Slug: slugOf(c)))
            .Select(c => (c.Item, c.Slug, Near: PrefixDistance(typed, c.Slug)))
            .Where(c => c.Near <= threshold)
            .Select(c => (c.Item, c.Slug, c.Near, Whole: Distance(typed, c.Slug)))
            .OrderBy(c => c.Near)
            .ThenBy(c => c.Whole)
            .ThenBy(c => c.Slug, StringComparer.Ordinal)
            .Take(max)
            .Select(c => c.Item)
            .ToList();
    }

    /// <summary>The edit distance from <paramref name="typed"/> to the closest start of <paramref name="slug"/> of about its length.</summary>
    public static int PrefixDistance(string typed, string slug)
    {
        var best = int.MaxValue;
        for (var length = typed.Length - 1; length <= typed.Length + 1; length++)
        {
            if (length < 1 || length > slug.Length) continue;
            best = Math.Min(best, Distance(typed, slug[..length]));
        }
        return best == int.MaxValue ? Distance(typed, slug) : best;
    }

    /// <summary>Edit distance where two neighbouring letters swapped count as one slip, as a typist makes it.</summary>
    public static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        }
        return d[a.Length, b.Length];
    }
}
