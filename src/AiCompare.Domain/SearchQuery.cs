namespace AiCompare.Domain;

/// <summary>
/// Turns whatever a reader typed into a safe FTS5 query: each word becomes a quoted prefix term, so
/// quotes, operators (AND, NEAR, *, ^, :) and stray punctuation can never be a syntax error.
/// </summary>
public static class SearchQuery
{
    public const int MaxTerms = 8;
    public const int MaxTermLength = 40;

    /// <summary>The words found (lowercased), at most <see cref="MaxTerms"/>.</summary>
    public static IReadOnlyList<string> Terms(string? text)
    {
        var terms = new List<string>();
        if (string.IsNullOrWhiteSpace(text)) return terms;
        var current = new System.Text.StringBuilder();
        foreach (var c in text.Normalize(System.Text.NormalizationForm.FormC))
        {
            if (char.IsLetterOrDigit(c))
            {
                if (current.Length < MaxTermLength) current.Append(char.ToLowerInvariant(c));
            }
            else if (current.Length > 0)
            {
                terms.Add(current.ToString());
                current.Clear();
            }
        }
        if (current.Length > 0) terms.Add(current.ToString());
        return terms.Distinct(StringComparer.Ordinal).Take(MaxTerms).ToList();
    }

    /// <summary>The FTS5 MATCH expression: every term as a quoted prefix; null when there are none.</summary>
    public static string? Match(string? text)
    {
        var terms = Terms(text);
        return terms.Count == 0 ? null : string.Join(' ', terms.Select(t => "\"" + t + "\"*"));
    }
}
