namespace AiCompare.Tests.Support;

/// <summary>
/// The pages a browser sweep visits, taken from bench/pages.routes (which PagesRoutesTests keeps in step
/// with every mapped GET route), filled with the shipped content's slugs: the public requests it lists,
/// plus the two not-found pages, and every editors-only route.
/// </summary>
public static class SweepRoutes
{
    private static readonly string RoutesFile = Path.Combine(TestPaths.RepoRoot, "bench", "pages.routes");

    // Two tools whose names are among the longest, in the order the canonical pair URL uses.
    private static readonly Dictionary<string, string> Values = new(StringComparer.Ordinal)
    {
        ["{tool}"] = "smolvlm2-2b",
        ["{tool2}"] = "mistral-medium-3",
        ["{pair}"] = "mistral-medium-3-vs-smolvlm2-2b",
        ["{word}"] = "smolvlm2",
        ["{critic}"] = "builder",
        ["{category}"] = "developer-tools",
    };

    /// <summary>
    /// Every public request the routes file lists (some answer JSON, XML or text: a sweep skips what is
    /// not HTML), and a plain 404 and a comparison that does not exist.
    /// </summary>
    public static IReadOnlyList<string> Public() =>
    [
        .. Lines()
            .Where(l => l.Target.StartsWith('/'))
            .Select(l => Fill(l.Target))
            .Distinct(StringComparer.Ordinal),
        "/no-such-page",
        "/compare/no-such-tool-vs-smolvlm2",
    ];

    /// <summary>
    /// Every editors-only route the routes file lists, with its parameters filled: <paramref name="toolId"/>
    /// and <paramref name="subscriberId"/> name rows the caller made. The CSV export is a download, not a page.
    /// </summary>
    public static IReadOnlyList<string> Admin(long toolId, long subscriberId) =>
    [
        .. Lines()
            .Where(l => l.Target == "- editors only" && l.Pattern != "/admin/export")
            .Select(l => l.Pattern
                .Replace("/erase/{id:long}", "/erase/" + subscriberId, StringComparison.Ordinal)
                .Replace("{id:long?}", toolId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
                .Replace("{id:long}", toolId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
                .Replace("{slug?}", Values["{critic}"], StringComparison.Ordinal)),
        "/admin/tools/edit",
    ];

    private static string Fill(string target)
    {
        foreach (var (name, value) in Values) target = target.Replace(name, value, StringComparison.Ordinal);
        return target;
    }

    /// <summary>bench/pages.routes as (route pattern, request or "- reason") pairs, comments and blank lines left out.</summary>
    public static IEnumerable<(string Pattern, string Target)> Lines() =>
        File.ReadLines(RoutesFile)
            .Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l =>
            {
                var at = l.IndexOf(' ', StringComparison.Ordinal);
                return at < 0 ? (l, "") : (l[..at], l[at..].Trim());
            });
}
