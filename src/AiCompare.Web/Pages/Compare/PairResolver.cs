using AiCompare.Data;
using AiCompare.Domain;
using AiCompare.Web.Hosting;

namespace AiCompare.Web.Pages.Compare;

/// <summary>What a comparison path resolves to.</summary>
public enum PairOutcome
{
    /// <summary>Both tools found under their current slugs, in lowercase, in either order.</summary>
    Found,

    /// <summary>Both tools found, but through an old slug or in the wrong case: 301 to the <c>Target</c> pair, in the order asked.</summary>
    RedirectPair,

    /// <summary>The same tool twice: 301 to the tool.</summary>
    RedirectTool,

    NotFound,
}

/// <summary>
/// The resolution of <c>{a}-vs-{b}</c>, with what is needed for a helpful 404. When found, <c>A</c> and
/// <c>B</c> are in the order of the path, <c>Target</c> is that path and <c>Canonical</c> the ordinal one.
/// </summary>
public sealed record PairResolution(
    PairOutcome Outcome,
    ToolSnapshot? A,
    ToolSnapshot? B,
    string? Target,
    IReadOnlyList<(string Left, string Right)> Splits,
    IReadOnlyDictionary<string, ToolSnapshot> Found)
{
    /// <summary>The pair's one canonical path segment (slugs in ordinal order), set when found.</summary>
    public string? Canonical { get; init; }
}

/// <summary>
/// One rule for every comparison URL (page and API): lowercase, the first split of the path whose two
/// slugs exist wins (slugs may contain <c>-vs-</c>), old slugs redirect. Both orders answer, each in the
/// reader's order: the order asked is the one a reader reads, and the ordinal one is the canonical URL.
/// </summary>
public sealed class PairResolver(ToolReadModel cache, CatalogRepository catalog)
{
    public async Task<PairResolution> ResolveAsync(string pair)
    {
        var lower = pair.ToLowerInvariant();
        var splits = ComparePath.Splits(lower);
        // Loops rather than LINQ: this runs on every comparison page rendered.
        var slugs = new List<string>(splits.Count * 2);
        foreach (var (left, right) in splits)
        {
            if (!slugs.Contains(left)) slugs.Add(left);
            if (!slugs.Contains(right)) slugs.Add(right);
        }
        var tools = await cache.GetToolsAsync(slugs);
        (string Left, string Right)? found = null;
        foreach (var split in splits)
        {
            if (tools.ContainsKey(split.Left) && tools.ContainsKey(split.Right))
            {
                found = split;
                break;
            }
        }
        if (found is not { } match)
        {
            // A renamed tool's old slug answers 301 to the comparison under its new slug.
            await IoThread.LeaveAsync();
            var redirects = await catalog.FindRedirectsAsync(slugs.Where(s => !tools.ContainsKey(s)).ToList());
            string? Current(string slug) => tools.ContainsKey(slug) ? slug : redirects.GetValueOrDefault(slug);
            foreach (var (left, right) in splits)
            {
                if (Current(left) is { } l && Current(right) is { } r)
                {
                    return l == r
                        ? new PairResolution(PairOutcome.RedirectTool, null, null, l, splits, tools)
                        : new PairResolution(PairOutcome.RedirectPair, null, null, InOrder(l, r), splits, tools);
                }
            }
            return new PairResolution(PairOutcome.NotFound, null, null, null, splits, tools);
        }
        if (match.Left == match.Right) return new PairResolution(PairOutcome.RedirectTool, null, null, match.Left, splits, tools);
        var asked = InOrder(match.Left, match.Right);
        if (!string.Equals(asked, pair, StringComparison.Ordinal))
            return new PairResolution(PairOutcome.RedirectPair, null, null, asked, splits, tools);
        return new PairResolution(PairOutcome.Found, tools[match.Left], tools[match.Right], asked, splits, tools)
        {
            // The path asked is already the canonical one when it is in ordinal order: no second string.
            Canonical = string.CompareOrdinal(match.Left, match.Right) <= 0 ? asked : ComparePath.Canonical(match.Left, match.Right),
        };
    }

    private static string InOrder(string left, string right) => left + ComparePath.Separator + right;
}
