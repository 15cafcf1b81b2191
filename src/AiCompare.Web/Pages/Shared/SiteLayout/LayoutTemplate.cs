using System.Text;
using System.Text.Encodings.Web;
using AiCompare.Web.Caching;

namespace AiCompare.Web.Pages.Shared.SiteLayout;

/// <summary>
/// The site layout of a reader page (signup and bookmarks panel shown) as UTF-8 pieces with holes for
/// what varies: the title, the canonical URL, the breadcrumbs' JSON-LD, the render time, the page's head
/// and its body. Made once per path base by rendering the layout itself (<see cref="LayoutProbe"/>) with
/// a marker in each hole, so it is the layout's own bytes: a page written into it is the page the
/// layout would render, with none of a render's work.
/// </summary>
public sealed class LayoutTemplate
{
    /// <summary>A value the layout takes, in the order of <see cref="Markers"/>.</summary>
    public enum Hole { Title, Canonical, BreadcrumbsJson, RenderedAt, Head, Body }

    // Letters and digits only: no encoder changes them, so each is found as it was given.
    private static readonly string[] Markers = ["xq7TitleHole7qx", "xq7CanonicalHole7qx", "xq7JsonHole7qx", "xq7TimeHole7qx", "xq7HeadHole7qx", "xq7BodyHole7qx"];

    private readonly byte[][] _pieces;
    private readonly Hole[] _holes;

    private LayoutTemplate(byte[][] pieces, Hole[] holes, string iconHref, string cssHref, string jsHref) =>
        (_pieces, _holes, IconHref, CssHref, JsHref) = (pieces, holes, iconHref, cssHref, jsHref);

    public string IconHref { get; }

    public string CssHref { get; }

    public string JsHref { get; }

    /// <summary>Whether this template was made with the frame's asset paths.</summary>
    public bool Fits(PageFrame frame) => frame.IconHref == IconHref && frame.CssHref == CssHref && frame.JsHref == JsHref;

    /// <summary>Renders the layout with markers for the given asset paths and cuts it at them.</summary>
    public static async Task<LayoutTemplate> CreateAsync(string iconHref, string cssHref, string jsHref, HtmlEncoder encoder)
    {
        var frame = new PageFrame(Markers[(int)Hole.Title], Markers[(int)Hole.Canonical], Markers[(int)Hole.BreadcrumbsJson], cssHref, jsHref, ReaderExtras: true)
        {
            IconHref = iconHref,
            RenderedAt = Markers[(int)Hole.RenderedAt],
        };
        var html = await RenderAsync(new LayoutProbeModel(frame, Markers[(int)Hole.Head], Markers[(int)Hole.Body]), encoder);
        var found = new List<(int At, Hole Hole)>();
        foreach (var hole in Enum.GetValues<Hole>())
        {
            for (var at = html.IndexOf(Markers[(int)hole], StringComparison.Ordinal); at >= 0; at = html.IndexOf(Markers[(int)hole], at + 1, StringComparison.Ordinal))
                found.Add((at, hole));
        }
        found.Sort((x, y) => x.At.CompareTo(y.At));
        if (found.Count(f => f.Hole == Hole.Body) != 1 || found.Count(f => f.Hole == Hole.Head) != 1)
            throw new InvalidOperationException("The site layout must render its body and its head section exactly once.");
        var pieces = new List<byte[]>();
        var from = 0;
        foreach (var (at, hole) in found)
        {
            pieces.Add(Encoding.UTF8.GetBytes(html[from..at]));
            from = at + Markers[(int)hole].Length;
        }
        pieces.Add(Encoding.UTF8.GetBytes(html[from..]));
        return new LayoutTemplate([.. pieces], [.. found.Select(f => f.Hole)], iconHref, cssHref, jsHref);
    }

    /// <summary>The layout rendered by Razor around the given head and body (each written as it is).</summary>
    public static async Task<string> RenderAsync(LayoutProbeModel model, HtmlEncoder encoder)
    {
        using var page = new PooledBuffer();
        var writer = new PooledBufferWriter(page);
        await LayoutProbe.Create(model).RenderAsync(writer, encoder);
        await writer.CompleteAsync();
        return Encoding.UTF8.GetString(page.Written.Span);
    }

    /// <summary>
    /// Writes the page: the frame's values HTML-encoded as the layout encodes them (its JSON-LD as it
    /// is), and the head and body by the given writers. The frame must be a reader page's (signup and
    /// bookmarks panel shown), with this template's asset paths.
    /// </summary>
    public void Write<TState>(IHtmlSink sink, PageFrame frame, TState state, Action<IHtmlSink, TState> head, Action<IHtmlSink, TState> body)
    {
        if (!frame.ReaderExtras || !frame.BookmarksPanel || !Fits(frame)) throw new ArgumentException("The frame is not one this template was made for.", nameof(frame));
        for (var i = 0; i < _holes.Length; i++)
        {
            sink.Literal(_pieces[i]);
            switch (_holes[i])
            {
                case Hole.Title: sink.Text(frame.Title); break;
                case Hole.Canonical: sink.Text(frame.Canonical); break;
                case Hole.BreadcrumbsJson: sink.Literal(frame.BreadcrumbsJson); break;
                case Hole.RenderedAt: sink.Text(frame.RenderedAt); break;
                case Hole.Head: head(sink, state); break;
                case Hole.Body: body(sink, state); break;
            }
        }
        sink.Literal(_pieces[^1]);
    }
}
