using System.Text;
using System.Text.Encodings.Web;
using AiCompare.Web.Caching;

namespace AiCompare.Web.Pages.Shared;

/// <summary>
/// An <see cref="IHtmlSink"/> writing UTF-8 straight into a page buffer: markup copied, text
/// HTML-encoded with the site's encoder (as Razor encodes it) and then transcoded. A page writes the same
/// few values many times (a tool's name and slug a dozen times each): the last few texts are remembered
/// (by reference, with where their bytes went), and written again as a copy of those bytes.
/// </summary>
internal sealed class BufferSink(PooledBuffer page, HtmlEncoder encoder) : IHtmlSink
{
    private const int Remembered = 16;

    // Shorter texts cost no more to encode again than to look up.
    private const int ShortestRemembered = 6;

    private readonly (string? Text, int Start, int Length)[] _written = new (string?, int, int)[Remembered];
    private int _next;

    public void Literal(ReadOnlySpan<byte> utf8) => page.Write(utf8);

    public void Literal(string html) => Utf8(html);

    public void Text(string? text)
    {
        if (string.IsNullOrEmpty(text)) return;
        if (text.Length < ShortestRemembered)
        {
            Utf8(encoder.Encode(text));
            return;
        }
        foreach (var (seen, start, length) in _written)
        {
            if (!ReferenceEquals(seen, text)) continue;
            var to = page.Free(length).Span;
            page.Written.Span.Slice(start, length).CopyTo(to);
            page.Advance(length);
            return;
        }
        var at = (int)page.Length;
        // Encode returns the string itself when nothing in it needs encoding (most values): no copy then.
        Utf8(encoder.Encode(text));
        _written[_next] = (text, at, (int)page.Length - at);
        _next = (_next + 1) % Remembered;
    }

    private void Utf8(ReadOnlySpan<char> chars)
    {
        var written = Encoding.UTF8.GetBytes(chars, page.Free(Encoding.UTF8.GetMaxByteCount(chars.Length)).Span);
        page.Advance(written);
    }
}
