using System.Text;

namespace AiCompare.Domain;

/// <summary>Slugs: lowercase ASCII letters and digits in runs joined by single hyphens.</summary>
public static class Slug
{
    public const int MaxLength = 100;

    public static bool IsValid(string? slug)
    {
        if (string.IsNullOrEmpty(slug) || slug.Length > MaxLength) return false;
        if (slug[0] == '-' || slug[^1] == '-') return false;
        var previousHyphen = false;
        foreach (var c in slug)
        {
            if (c == '-')
            {
                if (previousHyphen) return false;
                previousHyphen = true;
            }
            else if (c is (>= 'a' and <= 'z') or (>= '0' and <= '9'))
            {
                previousHyphen = false;
            }
            else
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Proposes a slug from a display name: "Mistral Medium 3" → <c>mistral-medium-3</c>, "Café" → <c>cafe</c>.</summary>
    public static string FromName(string name)
    {
        var sb = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            var lower = char.ToLowerInvariant(c);
            if (lower is (>= 'a' and <= 'z') or (>= '0' and <= '9'))
                sb.Append(lower);
            else if (Latin.TryGetValue(lower, out var ascii))
                sb.Append(ascii);
            else if (sb.Length > 0 && sb[^1] != '-')
                sb.Append('-');
        }
        var slug = sb.ToString().Trim('-');
        if (slug.Length > MaxLength) slug = slug[..MaxLength].TrimEnd('-');
        return slug;
    }

    // The site runs with invariant globalization (no ICU), so accents are folded by table, not by Unicode normalisation.
    private static readonly Dictionary<char, string> Latin = BuildLatin();

    private static Dictionary<char, string> BuildLatin()
    {
        var map = new Dictionary<char, string>();
        void Add(string letters, string ascii)
        {
            foreach (var c in letters) map[c] = ascii;
        }
        Add("àáâãäåāăą", "a");
        Add("çćĉċč", "c");
        Add("ďđ", "d");
        Add("èéêëēĕėęě", "e");
        Add("ĝğġģ", "g");
        Add("ĥħ", "h");
        Add("ìíîïĩīĭįı", "i");
        Add("ĵ", "j");
        Add("ķ", "k");
        Add("ĺļľŀł", "l");
        Add("ñńņňŉ", "n");
        Add("òóôõöøōŏő", "o");
        Add("ŕŗř", "r");
        Add("śŝşš", "s");
        Add("ţťŧ", "t");
        Add("ùúûüũūŭůűų", "u");
        Add("ŵ", "w");
        Add("ýÿŷ", "y");
        Add("źżž", "z");
        map['\u0130'] = "i"; // İ: ToLowerInvariant leaves it as is without ICU
        map['ĳ'] = "ij";
        map['Ĳ'] = "ij";
        map['ß'] = "ss";
        map['æ'] = "ae";
        map['œ'] = "oe";
        map['þ'] = "th";
        map['ð'] = "d";
        return map;
    }
}

/// <summary>
/// The comparison URL <c>/compare/{a}-vs-{b}</c>. Slugs may themselves contain <c>-vs-</c>, so a path
/// segment can be split several ways; the caller keeps the first split whose two slugs both exist.
/// </summary>
public static class ComparePath
{
    public const string Separator = "-vs-";

    /// <summary>The canonical segment: slugs in ordinal order.</summary>
    public static string Canonical(string slugA, string slugB) =>
        string.CompareOrdinal(slugA, slugB) <= 0 ? slugA + Separator + slugB : slugB + Separator + slugA;

    /// <summary>Every way to split <paramref name="pair"/> (already lowercased) into two valid slugs, leftmost first.</summary>
    public static IReadOnlyList<(string Left, string Right)> Splits(string pair)
    {
        var result = new List<(string, string)>();
        if (pair.Length > 2 * Slug.MaxLength + Separator.Length) return result;
        var at = pair.IndexOf(Separator, StringComparison.Ordinal);
        while (at >= 0)
        {
            var left = pair[..at];
            var right = pair[(at + Separator.Length)..];
            if (Slug.IsValid(left) && Slug.IsValid(right)) result.Add((left, right));
            at = pair.IndexOf(Separator, at + 1, StringComparison.Ordinal);
        }
        return result;
    }
}
