using System.Globalization;
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

    /// <summary>Proposes a slug from a display name: "Mistral Medium 3" → <c>mistral-medium-3</c>.</summary>
    public static string FromName(string name)
    {
        var decomposed = name.Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            var lower = char.ToLowerInvariant(c);
            if (lower is (>= 'a' and <= 'z') or (>= '0' and <= '9'))
                sb.Append(lower);
            else if (sb.Length > 0 && sb[^1] != '-')
                sb.Append('-');
        }
        var slug = sb.ToString().Trim('-');
        if (slug.Length > MaxLength) slug = slug[..MaxLength].TrimEnd('-');
        return slug;
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
