using System.Text;
using System.Text.Encodings.Web;
using AiCompare.Web.Caching;

namespace AiCompare.Web.Pages.Shared;

/// <summary>
/// An <see cref="IHtmlSink"/> writing UTF-8 straight into a page buffer: markup copied, text
/// HTML-encoded with the site's encoder (as Razor encodes it) and then transcoded.
/// </summary>
internal sealed class BufferSink(PooledBuffer page, HtmlEncoder encoder) : IHtmlSink
{
    public void Literal(ReadOnlySpan<byte> utf8) => page.Write(utf8);

    public void Literal(string html) => Utf8(html);

    // Encode returns the string itself when nothing in it needs encoding (most values): no copy then.
    public void Text(string? text)
    {
        if (!string.IsNullOrEmpty(text)) Utf8(encoder.Encode(text));
    }

    private void Utf8(ReadOnlySpan<char> chars)
    {
        var written = Encoding.UTF8.GetBytes(chars, page.Free(Encoding.UTF8.GetMaxByteCount(chars.Length)).Span);
        page.Advance(written);
    }
}
