using AiCompare.Domain;
using AiCompare.Web.Hosting;
using Microsoft.Extensions.Primitives;

namespace AiCompare.Web.Pages.Votes;

/// <summary>
/// "Your ship vote on X is counted": what a voter without JavaScript sees on the page their vote form
/// returned them to. The vote's 303 adds a marker to the return address (<c>?voted={slug}&amp;verdict=ship</c>);
/// a page showing that tool reads it back. An answer carrying the marker is per-reader, so it is marked
/// <c>private, no-store</c>: the page cache (and any CDN) neither serves nor keeps it, and it is rendered with
/// the live tally. The marker is only a hint to show a notice, never proof of a vote: a hand-made link shows
/// the notice and nothing else.
/// </summary>
public sealed record VoteNotice(string Slug, string ToolName, ReviewVerdict Verdict)
{
    public const string SlugParameter = "voted";
    public const string VerdictParameter = "verdict";

    public string Text => $"Your {ContentRules.VerdictToken(Verdict)} vote on {ToolName} is counted.";

    /// <summary>
    /// The return address with the marker for this vote (an earlier marker replaced), or the tool's page
    /// with it when the result would not be a local address (<see cref="LocalUrl"/> is the one check).
    /// </summary>
    public static string Mark(string returnPath, string slug, ReviewVerdict verdict)
    {
        var marker = SlugParameter + "=" + slug + "&" + VerdictParameter + "=" + ContentRules.VerdictToken(verdict);
        var hash = returnPath.IndexOf('#', StringComparison.Ordinal);
        var fragment = hash < 0 ? "" : returnPath[hash..];
        var beforeFragment = hash < 0 ? returnPath : returnPath[..hash];
        var question = beforeFragment.IndexOf('?', StringComparison.Ordinal);
        var path = question < 0 ? beforeFragment : beforeFragment[..question];
        var kept = question < 0
            ? []
            : beforeFragment[(question + 1)..].Split('&').Where(p => p.Length > 0 && !IsMarker(p));
        var marked = path + "?" + string.Join('&', [.. kept, marker]) + fragment;
        return LocalUrl.IsLocalPath(marked) ? marked : "/tools/" + slug + "?" + marker;
    }

    /// <summary>
    /// The notice for one of the tools a page shows, when the request carries the marker. Any request with
    /// the marker (even one naming another tool) is answered <c>private, no-store</c>.
    /// </summary>
    public static VoteNotice? Read(HttpContext context, params ReadOnlySpan<Tool> shown)
    {
        var query = context.Request.Query;
        if (!query.TryGetValue(SlugParameter, out var slugs)) return null;
        context.Response.Headers.CacheControl = "private, no-store";
        if (!ContentRules.TryVerdict(First(query[VerdictParameter]), out var verdict)) return null;
        var slug = First(slugs);
        foreach (var tool in shown)
        {
            if (string.Equals(tool.Slug, slug, StringComparison.Ordinal)) return new VoteNotice(tool.Slug, tool.Name, verdict);
        }
        return null;
    }

    private static string? First(StringValues values) => values.Count > 0 ? values[0] : null;

    private static bool IsMarker(string pair)
    {
        var name = pair.IndexOf('=', StringComparison.Ordinal) is var at and >= 0 ? pair[..at] : pair;
        return name is SlugParameter or VerdictParameter;
    }
}
