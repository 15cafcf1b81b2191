namespace AiCompare.Web.Pages.Compare.Pair;

/// <summary>
/// A tool's stored description HTML cut for a hero card: the first paragraph, and the rest for a
/// disclosure. A string search on HTML the site rendered itself, not a parse: the comparison page
/// renders on the first request of each pair, so it parses no Markdown and no HTML.
/// </summary>
public static class HeroDescription
{
    private const string Open = "<p>";
    private const string Close = "</p>";

    /// <summary>The first paragraph and the rest, <c>More</c> (null when there is no more).</summary>
    public static (string First, string? More) Split(string html)
    {
        var start = 0;
        while (start < html.Length && char.IsWhiteSpace(html[start])) start++;
        // Only a description that opens with a paragraph is cut: when the first block is a heading, a
        // list or a quote, the card shows it all, since the first paragraph alone would lose what precedes it.
        if (string.CompareOrdinal(html, start, Open, 0, Open.Length) != 0) return (html, null);
        // Markdown paragraphs do not nest and raw HTML is escaped, so the first "</p>" closes the first
        // paragraph, which is a top-level block.
        var close = html.IndexOf(Close, start, StringComparison.Ordinal);
        if (close < 0) return (html, null);
        var end = close + Close.Length;
        var restStart = end;
        while (restStart < html.Length && char.IsWhiteSpace(html[restStart])) restStart++;
        return restStart == html.Length ? (html, null) : (html[start..end], html[restStart..]);
    }
}
