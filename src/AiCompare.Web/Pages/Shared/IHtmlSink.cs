using Microsoft.AspNetCore.Html;

namespace AiCompare.Web.Pages.Shared;

/// <summary>
/// Where a fragment writes: markup as it is, and text HTML-encoded. Razor Pages get one over their
/// writer (the <see cref="IHtmlContent"/> overloads); a slice page is one itself, so its fragments go
/// straight to the response as UTF-8 with no text-writer adapter between.
/// </summary>
public interface IHtmlSink
{
    /// <summary>Writes markup as it is: a constant, as UTF-8 (<c>"…"u8</c>).</summary>
    void Literal(ReadOnlySpan<byte> utf8);

    /// <summary>Writes markup as it is: only ever values already made safe for HTML.</summary>
    void Literal(string html);

    /// <summary>Writes text, HTML-encoded.</summary>
    void Text(string? text);
}
