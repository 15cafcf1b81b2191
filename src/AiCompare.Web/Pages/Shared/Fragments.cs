using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using AiCompare.Domain;
using Microsoft.AspNetCore.Html;

namespace AiCompare.Web.Pages.Shared;

/// <summary>
/// Markup that several pages share: the verdict chip, the bookmark toggle, the vote form, a review
/// and the share block. Written once, here, to an <see cref="IHtmlSink"/>: a Razor Page writes one
/// with <c>@Fragments.X(…)</c> (HTML content), the comparison slice with <c>@Fragments.X(this, …)</c>
/// (which writes to the slice and returns an empty string, as Razor Slices' own <c>WriteHtml</c> does).
/// Not partial views: a partial costs a view lookup, an activation and a buffer on every use, and the
/// comparison page, rendered on the first request for each of billions of pairs, uses a dozen. Every
/// value is HTML-encoded with the page's encoder, as Razor would.
/// </summary>
public static class Fragments
{
    public static IHtmlContent VerdictChip(PanelSummary panel) => new Html(o => VerdictChip(o, panel));

    public static HtmlString VerdictChip(IHtmlSink o, PanelSummary panel)
    {
        o.Literal("<span class=\"chip chip-"u8);
        o.Text(VerdictRule.Token(panel.Verdict));
        o.Literal("\" data-test=\"verdict\">"u8);
        o.Text(panel.VerdictLabel);
        o.Literal("</span>"u8);
        return HtmlString.Empty;
    }

    /// <summary>Hidden until site.js shows it: bookmarks live in the browser and need JavaScript.</summary>
    public static IHtmlContent BookmarkToggle(string slug, string name, string verdict) => new Html(o => BookmarkToggle(o, slug, name, verdict));

    public static HtmlString BookmarkToggle(IHtmlSink o, string slug, string name, string verdict)
    {
        o.Literal("<button type=\"button\" class=\"bookmark-toggle js-only\" hidden data-bookmark=\""u8);
        o.Text(slug);
        o.Literal("\" data-name=\""u8);
        o.Text(name);
        o.Literal("\" data-verdict=\""u8);
        o.Text(verdict);
        // Named for its tool: a page with two tools has two of these, and a screen reader lists buttons by name.
        o.Literal("\" aria-label=\"Bookmark "u8);
        o.Text(name);
        o.Literal("\" aria-pressed=\"false\" data-test=\"bookmark-toggle\">Bookmark</button>"u8);
        return HtmlString.Empty;
    }

    /// <summary>
    /// The community Ship/Skip buttons for one tool: a plain form with no per-user token, so the page
    /// stays cacheable; site.js upgrades it to fetch.
    /// </summary>
    public static IHtmlContent VoteForm(string slug, string name, string returnPath) => new Html(o => VoteForm(o, slug, name, returnPath));

    public static HtmlString VoteForm(IHtmlSink o, string slug, string name, string returnPath)
    {
        o.Literal("<form method=\"post\" action=\"/votes/"u8);
        o.Text(slug);
        o.Literal("\" class=\"vote\" data-vote=\""u8);
        o.Text(slug);
        o.Literal("\" data-test=\"vote-form\">\n<input type=\"hidden\" name=\"return\" value=\""u8);
        o.Text(returnPath);
        o.Literal("\">\n<span class=\"vote-label\">Your call on "u8);
        o.Text(name);
        // Each button is named for its tool ("Ship SmolVLM2-2B"), its visible text first: a screen reader
        // lists a comparison's four vote buttons by name, and speech input users say what they see.
        o.Literal(":</span>\n<button type=\"submit\" name=\"verdict\" value=\"ship\" class=\"vote-button\" aria-pressed=\"false\" aria-label=\"Ship "u8);
        o.Text(name);
        o.Literal("\">Ship</button>\n<button type=\"submit\" name=\"verdict\" value=\"skip\" class=\"vote-button\" aria-pressed=\"false\" aria-label=\"Skip "u8);
        o.Text(name);
        o.Literal("\">Skip</button>\n</form>"u8);
        return HtmlString.Empty;
    }

    /// <summary>One critic's review of one tool, or "Not reviewed".</summary>
    public static IHtmlContent ReviewCell(Review? review) => new Html(o => ReviewCell(o, review));

    public static HtmlString ReviewCell(IHtmlSink o, Review? review)
    {
        if (review is null)
        {
            o.Literal("<p class=\"muted\" data-test=\"review\">Not reviewed</p>"u8);
            return HtmlString.Empty;
        }
        var verdict = review.Verdict == ReviewVerdict.Ship ? "ship"u8 : "skip"u8;
        var score = review.Score.ToString(CultureInfo.InvariantCulture);
        o.Literal("<div data-test=\"review\">\n<p class=\"score score-"u8);
        o.Literal(verdict);
        o.Literal("\"><strong>"u8);
        o.Literal(score);
        o.Literal("/100 · "u8);
        o.Literal(verdict);
        o.Literal("</strong></p>\n<meter min=\"0\" max=\"100\" low=\"50\" high=\"70\" optimum=\"100\" value=\""u8);
        o.Literal(score);
        o.Literal("\" aria-label=\"Score "u8);
        o.Literal(score);
        o.Literal(" out of 100\">"u8);
        o.Literal(score);
        o.Literal("/100</meter>\n<blockquote>"u8);
        o.Text(review.Quote);
        o.Literal("</blockquote>\n</div>"u8);
        return HtmlString.Empty;
    }

    /// <summary>"Share this verdict": the ready text, a link per network, and a copy button for JavaScript.</summary>
    public static IHtmlContent ShareBlock(Share share) => new Html(o => ShareBlock(o, share));

    public static HtmlString ShareBlock(IHtmlSink o, Share share)
    {
        o.Literal("<section class=\"card share\" aria-labelledby=\"share-heading\" data-test=\"share\">\n"u8
            + "<h2 id=\"share-heading\">Share this verdict</h2>\n<p data-test=\"share-text\">"u8);
        o.Text(share.Text);
        o.Literal("</p>\n<ul class=\"share-links\">\n"u8);
        var text = Uri.EscapeDataString(share.Text);
        var url = Uri.EscapeDataString(share.Url);
        foreach (var (name, hrefHtml) in Share.Networks)
        {
            o.Literal("<li><a href=\""u8);
            // Attribute-ready pieces and escaped values (see Share.Networks).
            foreach (var piece in hrefHtml) o.Literal(ReferenceEquals(piece, Share.TextSlot) ? text : ReferenceEquals(piece, Share.UrlSlot) ? url : piece);
            o.Literal("\" rel=\"noopener nofollow\" target=\"_blank\">"u8);
            o.Text(name);
            o.Literal("</a></li>\n"u8);
        }
        o.Literal("<li><button type=\"button\" class=\"link-button js-only\" hidden data-copy=\""u8);
        o.Text(share.Text);
        o.Literal(" "u8);
        o.Text(share.Url);
        o.Literal("\" data-test=\"copy\">Copy text and link</button></li>\n</ul>\n</section>"u8);
        return HtmlString.Empty;
    }

    /// <summary>Any fragment writer as HTML content for a Razor page (an editor's preview of a comparison).</summary>
    public static IHtmlContent Of(Action<IHtmlSink> write) => new Html(write);

    // For Razor Pages: the fragment as HTML content, written through the page's writer and encoder.
    private sealed class Html(Action<IHtmlSink> write) : IHtmlContent
    {
        public void WriteTo(TextWriter writer, HtmlEncoder encoder) => write(new WriterSink(writer, encoder));
    }

    private sealed class WriterSink(TextWriter writer, HtmlEncoder encoder) : IHtmlSink
    {
        public void Literal(ReadOnlySpan<byte> utf8) => writer.Write(Encoding.UTF8.GetString(utf8));

        public void Literal(string html) => writer.Write(html);

        public void Text(string? text) => encoder.Encode(writer, text ?? "");
    }
}
