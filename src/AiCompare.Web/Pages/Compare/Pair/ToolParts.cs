using System.Text.Encodings.Web;
using AiCompare.Data;
using AiCompare.Domain;
using AiCompare.Web.Caching;
using AiCompare.Web.Pages.Shared;

namespace AiCompare.Web.Pages.Compare.Pair;

/// <summary>
/// One tool's share of a comparison page as UTF-8, written once by <see cref="PairHtml"/>'s own
/// functions and copied into every later comparison with the tool: its hero card (in three parts around
/// the live tally and the page's path), its decision cells, its name and its reviews. A page written from
/// parts is the page written without them, byte for byte. Made from one snapshot (<see cref="Source"/>):
/// a changed tool is a new snapshot source, and its old parts are no longer used.
/// </summary>
public sealed class ToolParts
{
    /// <summary>The pieces, in the order they are made.</summary>
    public enum Part { Name, HeroHead, HeroMiddle, HeroTail, PanelDecision, PanelAverage, Pricing, DefaultCost, BestFor, Category }

    private readonly byte[] _bytes;
    private readonly int[] _starts;
    private readonly (string Critic, int Start, int Length)[] _reviews;

    private ToolParts(object source, byte[] bytes, int[] starts, (string, int, int)[] reviews) =>
        (Source, _bytes, _starts, _reviews) = (source, bytes, starts, reviews);

    /// <summary>The snapshot source the parts were made from.</summary>
    public object Source { get; }

    /// <summary>The memory the parts hold, about.</summary>
    public int Size => _bytes.Length + 4 * _starts.Length + 32 * _reviews.Length + 64;

    public ReadOnlySpan<byte> this[Part part] => _bytes.AsSpan(_starts[(int)part], _starts[(int)part + 1] - _starts[(int)part]);

    /// <summary>The review's cell as written, when it is one of this tool's.</summary>
    public bool TryReview(Review review, out ReadOnlySpan<byte> cell)
    {
        foreach (var (critic, start, length) in _reviews)
        {
            if (critic != review.CriticSlug) continue;
            cell = _bytes.AsSpan(start, length);
            return true;
        }
        cell = default;
        return false;
    }

    /// <summary>Writes the snapshot's parts; null when the snapshot has no source to key them on.</summary>
    public static ToolParts? Make(ToolSnapshot snapshot, HtmlEncoder encoder)
    {
        if (snapshot.Source is not { } source) return null;
        var tool = snapshot.Tool;
        using var buffer = new PooledBuffer();
        var o = new BufferSink(buffer, encoder);
        var parts = Enum.GetValues<Part>();
        var starts = new int[parts.Length + 1];
        foreach (var part in parts)
        {
            starts[(int)part] = (int)buffer.Length;
            switch (part)
            {
                case Part.Name: o.Text(tool.Name); break;
                case Part.HeroHead: PairHtml.HeroHead(o, snapshot); break;
                case Part.HeroMiddle: PairHtml.HeroMiddle(o, snapshot); break;
                case Part.HeroTail: PairHtml.HeroTail(o, snapshot); break;
                case Part.PanelDecision: o.Text(snapshot.Panel.DecisionText); break;
                case Part.PanelAverage: o.Text(snapshot.Panel.AverageText); break;
                case Part.Pricing: o.Text(tool.Pricing.Summary); break;
                case Part.DefaultCost: o.Text(PairHtml.Cost(tool, WorkloadForm.Default)); break;
                case Part.BestFor: o.Text(tool.BestForText); break;
                case Part.Category: o.Text(tool.Category); break;
            }
        }
        starts[^1] = (int)buffer.Length;
        var reviews = new (string, int, int)[snapshot.Reviews.Count];
        for (var i = 0; i < reviews.Length; i++)
        {
            var start = (int)buffer.Length;
            Fragments.ReviewCell(o, snapshot.Reviews[i]);
            reviews[i] = (snapshot.Reviews[i].CriticSlug, start, (int)buffer.Length - start);
        }
        return new ToolParts(source, buffer.Written.ToArray(), starts, reviews);
    }
}
