using System.Net;
using System.Text;
using AiCompare.Data;
using AiCompare.Domain;
using AiCompare.Web.Caching;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AiCompare.Web.Pages.Search;

/// <summary>
/// <c>/search?q=</c>: ranked full-text results with the matched words highlighted and, when there are
/// few, the tools whose names are closest to what was typed ("did you mean").
/// </summary>
[PublicCache]
public sealed class IndexModel(SearchRepository search) : PageModel
{
    public const int Limit = 50;

    /// <summary>Below this many results the page suggests close tool names too.</summary>
    public const int FewHits = 3;

    public const int SuggestionLimit = 3;

    public string Query { get; private set; } = "";
    public IReadOnlyList<string> Terms { get; private set; } = [];
    public IReadOnlyList<SearchHit> Hits { get; private set; } = [];
    public IReadOnlyList<ToolChoice> DidYouMean { get; private set; } = [];

    /// <summary>"2 tools for “q”", "50 tools (the best matches) for “q”".</summary>
    public string CountText
    {
        get
        {
            var words = new List<string> { Hits.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), Hits.Count == 1 ? "tool" : "tools" };
            if (Hits.Count == Limit) words.Add("(the best matches)");
            words.Add($"for “{Query}”");
            return string.Join(' ', words);
        }
    }

    public async Task OnGetAsync(string? q)
    {
        HttpContext.TagCache(CacheTags.Lists);
        Query = (q ?? "").Length > 200 ? q![..200] : q ?? "";
        Terms = SearchQuery.Terms(Query);
        if (SearchQuery.Match(Query) is not { } match) return;
        Hits = await search.SearchAsync(match, Limit);
        if (Hits.Count < FewHits)
        {
            var found = Hits.Select(h => h.Slug).ToHashSet(StringComparer.Ordinal);
            DidYouMean = (await search.ClosestAsync(Query, SuggestionLimit + found.Count)).Where(t => !found.Contains(t.Slug)).Take(SuggestionLimit).ToList();
        }
    }

    /// <summary>HTML-encodes the text, then turns only the search markers into &lt;mark&gt;.</summary>
    public static IHtmlContent Marked(string text)
    {
        var html = new StringBuilder();
        var open = false;
        foreach (var part in text.Split([SearchRepository.MarkStart, SearchRepository.MarkEnd], StringSplitOptions.None).Select((p, i) => (p, i)))
        {
            if (part.i > 0)
            {
                html.Append(open ? "</mark>" : "<mark>");
                open = !open;
            }
            html.Append(WebUtility.HtmlEncode(part.p));
        }
        if (open) html.Append("</mark>");
        return new HtmlString(html.ToString());
    }
}
