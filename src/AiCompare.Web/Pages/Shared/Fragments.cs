using System.Globalization;
using System.Text.Encodings.Web;
using AiCompare.Domain;
using Microsoft.AspNetCore.Html;

namespace AiCompare.Web.Pages.Shared;

/// <summary>
/// Markup that several pages share: the verdict chip, the bookmark toggle, the vote form, a review
/// and the share block. Written once, here, as HTML content a page writes with <c>@Fragments.X(…)</c>,
/// rather than as partial views: a partial costs a view lookup, an activation and a buffer on every
/// use, and the comparison page, rendered on the first request for each of billions of pairs, uses
/// a dozen. Every value is HTML-encoded with the page's encoder, as Razor would.
/// </summary>
public static class Fragments
{
    public static IHtmlContent VerdictChip(PanelSummary panel) => new Html((w, e) =>
    {
        w.Write("<span class=\"chip chip-");
        e.Encode(w, VerdictRule.Token(panel.Verdict));
        w.Write("\" data-test=\"verdict\">");
        e.Encode(w, panel.VerdictLabel);
        w.Write("</span>");
    });

    /// <summary>Hidden until site.js shows it: bookmarks live in the browser and need JavaScript.</summary>
    public static IHtmlContent BookmarkToggle(string slug, string name, string verdict) => new Html((w, e) =>
    {
        w.Write("<button type=\"button\" class=\"bookmark-toggle js-only\" hidden data-bookmark=\"");
        e.Encode(w, slug);
        w.Write("\" data-name=\"");
        e.Encode(w, name);
        w.Write("\" data-verdict=\"");
        e.Encode(w, verdict);
        w.Write("\" aria-pressed=\"false\" data-test=\"bookmark-toggle\">Bookmark</button>");
    });

    /// <summary>
    /// The community Ship/Skip buttons for one tool: a plain form with no per-user token, so the page
    /// stays cacheable; site.js upgrades it to fetch.
    /// </summary>
    public static IHtmlContent VoteForm(string slug, string name, string returnPath) => new Html((w, e) =>
    {
        w.Write("<form method=\"post\" action=\"/votes/");
        e.Encode(w, slug);
        w.Write("\" class=\"vote\" data-vote=\"");
        e.Encode(w, slug);
        w.Write("\" data-test=\"vote-form\">\n<input type=\"hidden\" name=\"return\" value=\"");
        e.Encode(w, returnPath);
        w.Write("\">\n<span class=\"vote-label\">Your call on ");
        e.Encode(w, name);
        w.Write(":</span>\n<button type=\"submit\" name=\"verdict\" value=\"ship\" class=\"vote-button\" aria-pressed=\"false\">Ship</button>\n"
            + "<button type=\"submit\" name=\"verdict\" value=\"skip\" class=\"vote-button\" aria-pressed=\"false\">Skip</button>\n</form>");
    });

    /// <summary>One critic's review of one tool, or "Not reviewed".</summary>
    public static IHtmlContent ReviewCell(Review? review) => new Html((w, e) =>
    {
        if (review is null)
        {
            w.Write("<p class=\"muted\" data-test=\"review\">Not reviewed</p>");
            return;
        }
        var verdict = review.Verdict == ReviewVerdict.Ship ? "ship" : "skip";
        var score = review.Score.ToString(CultureInfo.InvariantCulture);
        w.Write("<div data-test=\"review\">\n<p class=\"score score-");
        w.Write(verdict);
        w.Write("\"><strong>");
        w.Write(score);
        w.Write("/100 · ");
        w.Write(verdict);
        w.Write("</strong></p>\n<meter min=\"0\" max=\"100\" low=\"50\" high=\"70\" optimum=\"100\" value=\"");
        w.Write(score);
        w.Write("\" aria-label=\"Score ");
        w.Write(score);
        w.Write(" out of 100\">");
        w.Write(score);
        w.Write("/100</meter>\n<blockquote>");
        e.Encode(w, review.Quote);
        w.Write("</blockquote>\n</div>");
    });

    /// <summary>"Share this verdict": the ready text, a link per network, and a copy button for JavaScript.</summary>
    public static IHtmlContent ShareBlock(Share share) => new Html((w, e) =>
    {
        w.Write("<section class=\"card share\" aria-labelledby=\"share-heading\" data-test=\"share\">\n"
            + "<h2 id=\"share-heading\">Share this verdict</h2>\n<p data-test=\"share-text\">");
        e.Encode(w, share.Text);
        w.Write("</p>\n<ul class=\"share-links\">\n");
        foreach (var (name, hrefHtml) in share.Links())
        {
            w.Write("<li><a href=\"");
            w.Write(hrefHtml); // attribute-ready: see Share.Links
            w.Write("\" rel=\"noopener nofollow\" target=\"_blank\">");
            e.Encode(w, name);
            w.Write("</a></li>\n");
        }
        w.Write("<li><button type=\"button\" class=\"link-button js-only\" hidden data-copy=\"");
        e.Encode(w, share.Text);
        w.Write(' ');
        e.Encode(w, share.Url);
        w.Write("\" data-test=\"copy\">Copy text and link</button></li>\n</ul>\n</section>");
    });

    private sealed class Html(Action<TextWriter, HtmlEncoder> write) : IHtmlContent
    {
        public void WriteTo(TextWriter writer, HtmlEncoder encoder) => write(writer, encoder);
    }
}
