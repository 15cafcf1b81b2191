using System.Buffers.Binary;
using System.Text;
using AiCompare.Data;
using AiCompare.Domain;

namespace AiCompare.Web.Pages.Compare;

/// <summary>
/// A tool snapshot as the read model keeps it: its text as UTF-8 in one array, its numbers in fields,
/// and its category's name and slug shared with every other tool of the category. A
/// <see cref="ToolSnapshot"/> is a tool, its strings, a pricing, a list of reviews and a string per
/// review: about twenty objects, most of them UTF-16. Held for every tool of a large catalog, those
/// objects would be the largest part of the site's memory, and every collection of the young generation
/// would walk the references into them. This is two objects a tool. <see cref="ToSnapshot"/> rebuilds the
/// snapshot for the request that reads it; what it allocates dies young.
/// </summary>
public sealed class StoredTool
{
    // The array: for each review its score and verdict (two int32s), then each string's UTF-8 length
    // (int32, -1 for null), then the strings' bytes one after another. Strings, in order: name, tagline,
    // vendor, website, best for, pricing summary, description HTML, then each review's critic slug and quote.
    private const int ToolStrings = 7;

    private readonly long _id;
    private readonly string _category;
    private readonly string _categorySlug;
    private readonly DateOnly? _reviewed;
    private readonly PricingEntry _entry;
    private readonly decimal? _inputPerMTok;
    private readonly decimal? _outputPerMTok;
    private readonly int _ships;
    private readonly int _skips;
    private readonly int _reviews;
    private readonly byte[] _data;

    private StoredTool(ToolSnapshot snapshot, string slug, string category, string categorySlug)
    {
        var tool = snapshot.Tool;
        Slug = slug;
        _id = tool.Id;
        _category = category;
        _categorySlug = categorySlug;
        _reviewed = tool.Reviewed;
        _entry = tool.Pricing.Entry;
        _inputPerMTok = tool.Pricing.InputPerMTok;
        _outputPerMTok = tool.Pricing.OutputPerMTok;
        _ships = snapshot.Community.Ships;
        _skips = snapshot.Community.Skips;
        _reviews = snapshot.Reviews.Count;

        var strings = new string?[ToolStrings + 2 * _reviews];
        (strings[0], strings[1], strings[2], strings[3], strings[4], strings[5], strings[6]) =
            (tool.Name, tool.Tagline, tool.Vendor, tool.Website, tool.BestFor, tool.Pricing.Summary, tool.DescriptionHtml);
        for (var i = 0; i < _reviews; i++)
        {
            strings[ToolStrings + 2 * i] = snapshot.Reviews[i].CriticSlug;
            strings[ToolStrings + 2 * i + 1] = snapshot.Reviews[i].Quote;
        }
        var header = 8 * _reviews + 4 * strings.Length;
        var length = header;
        foreach (var s in strings) length += s is null ? 0 : Encoding.UTF8.GetByteCount(s);
        _data = new byte[length];
        var span = _data.AsSpan();
        for (var i = 0; i < _reviews; i++)
        {
            BinaryPrimitives.WriteInt32LittleEndian(span[(8 * i)..], snapshot.Reviews[i].Score);
            BinaryPrimitives.WriteInt32LittleEndian(span[(8 * i + 4)..], (int)snapshot.Reviews[i].Verdict);
        }
        var at = header;
        for (var i = 0; i < strings.Length; i++)
        {
            var written = strings[i] is { } s ? Encoding.UTF8.GetBytes(s, span[at..]) : -1;
            BinaryPrimitives.WriteInt32LittleEndian(span[(8 * _reviews + 4 * i)..], written);
            at += Math.Max(written, 0);
        }
    }

    /// <summary>The tool's slug: the read model's key for it, and the tally board's.</summary>
    public string Slug { get; }

    /// <summary>
    /// Stores <paramref name="snapshot"/>. <paramref name="share"/> returns the one instance of a string
    /// many tools hold (category names and slugs); the slug is the caller's.
    /// </summary>
    public static StoredTool From(ToolSnapshot snapshot, string slug, Func<string, string> share) =>
        new(snapshot, slug, share(snapshot.Tool.Category), share(snapshot.Tool.CategorySlug));

    /// <summary>The snapshot as it was stored, rebuilt: equal, value for value, to the one given to <see cref="From"/>.</summary>
    public ToolSnapshot ToSnapshot()
    {
        ReadOnlySpan<byte> data = _data;
        var strings = 2 * _reviews + ToolStrings;
        var at = 8 * _reviews + 4 * strings;
        var index = 0;
        var tool = new Tool(
            _id,
            Slug,
            Next()!,
            Next()!,
            _category,
            _categorySlug,
            Next(),
            Next(),
            _reviewed,
            Next(),
            new Pricing(_entry, Next()!, _inputPerMTok, _outputPerMTok),
            Next()!);
        var reviews = new Review[_reviews];
        for (var i = 0; i < reviews.Length; i++)
        {
            var score = BinaryPrimitives.ReadInt32LittleEndian(data[(8 * i)..]);
            var verdict = (ReviewVerdict)BinaryPrimitives.ReadInt32LittleEndian(data[(8 * i + 4)..]);
            var critic = Next()!;
            reviews[i] = new Review(_id, critic, score, verdict, Next()!);
        }
        return new ToolSnapshot(tool, reviews, new CommunityTally(_ships, _skips));

        string? Next()
        {
            var length = BinaryPrimitives.ReadInt32LittleEndian(_data.AsSpan(8 * _reviews + 4 * index++));
            if (length < 0) return null;
            var text = length == 0 ? "" : Encoding.UTF8.GetString(_data, at, length);
            at += length;
            return text;
        }
    }
}
