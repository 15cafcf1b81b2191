namespace AiCompare.Domain;

/// <summary>
/// Warns editors before they add a tool the catalog may already have: same name but for case and
/// punctuation, the same but for a size or version suffix ("-2b", "v2"), or a small edit distance.
/// </summary>
public static class NearDuplicates
{
    /// <summary>
    /// Tools like <paramref name="name"/>/<paramref name="slug"/>, the closest first. <paramref name="self"/> is
    /// the slug of the tool being edited, left out; a new tool has none, so a tool with the very same slug
    /// is the first match.
    /// </summary>
    public static IReadOnlyList<T> Find<T>(string name, string slug, IEnumerable<T> existing, Func<T, string> slugOf, Func<T, string> nameOf, string? self = null, int max = 5)
    {
        var keyName = Key(name);
        var keySlug = Key(slug);
        var stemName = Stem(name);
        var stemSlug = Stem(slug);
        var results = new List<(T Item, int Rank)>();
        foreach (var item in existing)
        {
            var otherSlug = slugOf(item);
            if (string.Equals(otherSlug, self, StringComparison.Ordinal)) continue;
            var otherName = nameOf(item);
            var otherKeyName = Key(otherName);
            var otherKeySlug = Key(otherSlug);
            int? rank = null;
            if (string.Equals(otherSlug, slug, StringComparison.Ordinal) || otherKeyName == keyName || otherKeySlug == keySlug)
            {
                rank = 0;
            }
            else if (Stem(otherName) == stemName || Stem(otherSlug) == stemSlug)
            {
                rank = 1;
            }
            else
            {
                var distance = Math.Min(Suggestions.Distance(keyName, otherKeyName), Suggestions.Distance(keySlug, otherKeySlug));
                var allowed = Math.Min(keyName.Length, otherKeyName.Length) >= 6 ? 2 : 1;
                if (distance <= allowed) rank = 1 + distance;
            }
            if (rank is { } r) results.Add((item, r));
        }
        return results.OrderBy(r => r.Rank).Take(max).Select(r => r.Item).ToList();
    }

    /// <summary>Lowercase letters and digits only: "Mistral-Code!" and "mistral code" meet.</summary>
    public static string Key(string text) => Slug.FromName(text).Replace("-", "", StringComparison.Ordinal);

    /// <summary>
    /// The key without a trailing size or version word: "SmolVLM2-2B" and "SmolVLM2" share the stem
    /// "smolvlm2"; "Tool v3" and "Tool" share "tool".
    /// </summary>
    public static string Stem(string text)
    {
        var words = Slug.FromName(text).Split('-', StringSplitOptions.RemoveEmptyEntries).ToList();
        while (words.Count > 1 && IsSuffix(words[^1])) words.RemoveAt(words.Count - 1);
        return string.Concat(words);
    }

    private static bool IsSuffix(string word)
    {
        if (word.Length >= 2 && word[0] == 'v' && word[1..].All(char.IsAsciiDigit)) return true;
        return word.Length >= 2 && word[^1] is 'b' or 'm' && word[..^1].All(char.IsAsciiDigit);
    }
}
