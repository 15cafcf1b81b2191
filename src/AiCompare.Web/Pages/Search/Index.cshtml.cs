using System.Net;
using System.Text;
using AiCompare.Data;
using AiCompare.Domain;
using AiCompare.Web.Caching;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AiCompare.Web.Pages.Search;

/// <summary><c>/search?q=</c>: ranked full-text results with the matched words highlighted.</summary>
[PublicCache]
public sealed class IndexModel(SearchRepository search) : PageModel
{
    public const int Limit = 50;

    public string Query { get; private set; } = "";
    public IReadOnlyList<string> Terms { get; private set; } = [];
    public IReadOnlyList<SearchHit> Hits { get; private set; } = [];

    public async Task OnGetAsync(string? q)
    {
        HttpContext.TagCache(CacheTags.Lists);
        Query = (q ?? "").Length > 200 ? q![..200] : q ?? "";
        Terms = SearchQuery.Terms(Query);
        if (SearchQuery.Match(Query) is { } match) Hits = await search.SearchAsync(match, Limit);
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
