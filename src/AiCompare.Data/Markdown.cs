using Markdig;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace AiCompare.Data;

/// <summary>
/// The one Markdown pipeline of the site: CommonMark plus tables and autolinks, raw HTML disabled
/// (it is written out as text), link URLs limited to http, https, mailto and relative, and images
/// turned into links so that no page loads anything from another host.
/// </summary>
public sealed class Markdown
{
    private readonly MarkdownPipeline _pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UsePipeTables()
        .UseAutoLinks()
        .UseEmphasisExtras()
        .Build();

    public string ToHtml(string? markdown)
    {
        if (string.IsNullOrWhiteSpace(markdown)) return "";
        var document = Markdig.Markdown.Parse(markdown, _pipeline);
        foreach (var link in document.Descendants<LinkInline>())
        {
            if (!IsSafeUrl(link.Url)) link.Url = "#";
            // Pages load nothing from other hosts: an image becomes a plain link to it.
            link.IsImage = false;
            link.GetAttributes().AddPropertyIfNotExist("rel", "nofollow noopener");
        }
        foreach (var link in document.Descendants<AutolinkInline>())
        {
            if (!IsSafeUrl(link.Url)) link.Url = "#";
        }
        using var writer = new StringWriter();
        var renderer = new Markdig.Renderers.HtmlRenderer(writer);
        _pipeline.Setup(renderer);
        renderer.Render(document);
        writer.Flush();
        return writer.ToString();
    }

    private static bool IsSafeUrl(string? url)
    {
        if (string.IsNullOrWhiteSpace(url)) return true;
        var trimmed = url.Trim();
        if (trimmed[0] is '/' or '#' or '?') return true;
        if (Uri.TryCreate(trimmed, UriKind.Absolute, out var uri)) return uri.Scheme is "http" or "https" or "mailto";
        // A relative path is safe; anything else with a scheme-like colon is not.
        return !trimmed.Contains(':', StringComparison.Ordinal);
    }
}
