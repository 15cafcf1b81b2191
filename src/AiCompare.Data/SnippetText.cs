using System.Text;
using System.Text.RegularExpressions;
using Markdig;

namespace AiCompare.Data;

/// <summary>
/// Search snippets as plain text. The index holds descriptions as their authors wrote them, in Markdown, and
/// FTS5 cuts a snippet out of that text, so the snippet is turned into text here, where it is shown, rather than
/// at index time (the index is kept by SQL triggers, which cannot run Markdig).
/// </summary>
public static partial class SnippetText
{
    // Raw HTML disabled: a tag in a description stays text, which the page then encodes.
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().DisableHtml().UseEmphasisExtras().Build();

    /// <summary>
    /// The text a reader sees of a Markdown fragment: no emphasis stars, list markers, heading hashes, code
    /// ticks or link targets, whitespace folded to single spaces. Search marks (<see cref="SearchRepository.MarkStart"/>
    /// and <see cref="SearchRepository.MarkEnd"/>) are kept, in pairs.
    /// </summary>
    public static string Plain(string fragment)
    {
        if (string.IsNullOrWhiteSpace(fragment)) return "";
        var (lead, body, trail) = Ellipses(fragment);
        // A mark is a control character, which no link target may hold: out of targets, the link parses as one.
        body = LinkTarget().Replace(body, m => m.Value.Replace(SearchRepository.MarkStart, "", StringComparison.Ordinal).Replace(SearchRepository.MarkEnd, "", StringComparison.Ordinal));
        // A link cut off by the end of the fragment is its text alone.
        body = CutLink().Replace(body, "$1");
        var text = Markdig.Markdown.ToPlainText(body, Pipeline);
        var plain = new StringBuilder(text.Length + 2);
        plain.Append(lead);
        var space = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            // A fragment cut out of the middle of a description can hold half of a pair of stars or ticks,
            // which Markdig rightly leaves as text.
            if (c is '*' or '`' || (c == '_' && ((i + 1 < text.Length && text[i + 1] == '_') || (i > 0 && text[i - 1] == '_')))) continue;
            if (char.IsWhiteSpace(c))
            {
                space = plain.Length > lead.Length;
                continue;
            }
            if (space) plain.Append(' ');
            space = false;
            plain.Append(c);
        }
        plain.Append(trail);
        return Balanced(plain.ToString());
    }

    [GeneratedRegex(@"\]\([^)\s]*\)", RegexOptions.CultureInvariant)]
    private static partial Regex LinkTarget();

    [GeneratedRegex(@"\[([^\]]*)\]\([^)\s]*$", RegexOptions.CultureInvariant)]
    private static partial Regex CutLink();

    private static (string Lead, string Body, string Trail) Ellipses(string fragment)
    {
        var lead = fragment.StartsWith('…') ? "…" : "";
        var trail = fragment.Length > lead.Length && fragment.EndsWith('…') ? "…" : "";
        return (lead, fragment[lead.Length..^trail.Length], trail);
    }

    // A mark whose partner was in a link target that plain text drops is dropped too.
    private static string Balanced(string text)
    {
        var result = new StringBuilder(text.Length);
        var open = -1;
        foreach (var c in text)
        {
            if (c == SearchRepository.MarkStart[0])
            {
                if (open >= 0) result.Remove(open, 1);
                open = result.Length;
                result.Append(c);
            }
            else if (c == SearchRepository.MarkEnd[0])
            {
                if (open < 0) continue;
                open = -1;
                result.Append(c);
            }
            else
            {
                result.Append(c);
            }
        }
        if (open >= 0) result.Remove(open, 1);
        return result.ToString();
    }
}
