using AiCompare.Data;
using AiCompare.Domain;

namespace AiCompare.Web.Pages.Newsletter.Emails;

/// <summary>Gathers one week's digest: the tools reviewed that week, a critic's line for each, and the comparison of the week.</summary>
public sealed class DigestComposer(CatalogRepository catalog)
{
    public const int MaxTools = 50;

    /// <summary>How many of a category's newest tools are weighed as the rival of the week's top tool.</summary>
    public const int RivalCandidates = 20;

    /// <summary>The issue for the week ending on <paramref name="weekOf"/>: tools reviewed in the 7 days up to and including it.</summary>
    public async Task<DigestIssue> ComposeAsync(DateOnly weekOf)
    {
        var reviewed = await catalog.ReviewedBetweenAsync(weekOf.AddDays(-7), weekOf.AddDays(1), MaxTools);
        var snapshots = (await catalog.LoadSnapshotsAsync(reviewed.Select(t => t.Slug).ToList())).ToDictionary(s => s.Tool.Slug, StringComparer.Ordinal);
        var week = reviewed.Where(t => snapshots.ContainsKey(t.Slug)).Select(t => snapshots[t.Slug]).ToList();
        var panel = (await catalog.PanelAsync()).OrderBy(c => c.Order).ThenBy(c => c.Slug, StringComparer.Ordinal).ToList();
        var names = panel.ToDictionary(c => c.Slug, c => c.Name, StringComparer.Ordinal);
        var tools = week.Select(s => Line(s, panel) is { } line ? new DigestTool(s, line, names.GetValueOrDefault(line.CriticSlug, line.CriticSlug)) : new DigestTool(s, null, null)).ToList();
        return new DigestIssue(weekOf, tools, await PairAsync(week, panel));
    }

    /// <summary>
    /// The comparison of the week. Two of the week's tools in the same category first: the reader has just
    /// met both, and the best-scored category with two makes the pair (its two best-scored tools). Else the
    /// week's top tool (or, in a week without reviews, the site's newest) against its category's best-known
    /// rival: the one readers voted on most among the category's newest tools, then the one most reviewed,
    /// then the best scored. None when the tool is alone in its category.
    /// </summary>
    private async Task<DigestPair?> PairAsync(IReadOnlyList<ToolSnapshot> week, IReadOnlyList<Critic> panel)
    {
        var sameCategory = week.GroupBy(s => s.Tool.CategorySlug, StringComparer.Ordinal)
            .Where(g => g.Count() > 1)
            .Select(g => g.OrderBy(s => s, Rank).Take(2).ToList())
            .OrderBy(p => p[0], Rank)
            .FirstOrDefault();
        if (sameCategory is [var first, var second])
            return DigestPair.Of(first, second, $"Both were reviewed this week in {first.Tool.Category}.", panel);

        var anchor = week.OrderBy(s => s, Rank).FirstOrDefault();
        if (anchor is null)
        {
            var newest = (await catalog.LatestAsync(1)).FirstOrDefault();
            if (newest is null) return null;
            anchor = (await catalog.LoadSnapshotsAsync([newest.Slug])).FirstOrDefault();
            if (anchor is null) return null;
        }
        var candidates = (await catalog.NewestInCategoryAsync(anchor.Tool.CategorySlug, RivalCandidates + 1))
            .Where(t => t.Slug != anchor.Tool.Slug).Select(t => t.Slug).ToList();
        var rival = (await catalog.LoadSnapshotsAsync(candidates))
            .OrderByDescending(s => s.Community.Votes)
            .ThenByDescending(s => s.Panel.Reviews)
            .ThenBy(s => s, Rank)
            .FirstOrDefault();
        if (rival is null) return null;
        var reason = week.Count > 0
            ? $"This week's top-scored verdict against the best-known tool in {anchor.Tool.Category}."
            : $"Our newest verdict against the best-known tool in {anchor.Tool.Category}.";
        return DigestPair.Of(anchor, rival, reason, panel);
    }

    /// <summary>Best first: the panel's average, then its ship count, then the name.</summary>
    private static readonly Comparer<ToolSnapshot> Rank = Comparer<ToolSnapshot>.Create((x, y) =>
    {
        var byAverage = (y.Panel.Average ?? -1).CompareTo(x.Panel.Average ?? -1);
        if (byAverage != 0) return byAverage;
        var byShips = y.Panel.Ships.CompareTo(x.Panel.Ships);
        return byShips != 0 ? byShips : string.CompareOrdinal(x.Tool.Slug, y.Tool.Slug);
    });

    /// <summary>
    /// The critic who speaks for the panel's call most strongly: the highest score among the ship reviews
    /// of a tool that ships, the lowest among the skip reviews of one that is skipped, and otherwise the
    /// first review in panel order.
    /// </summary>
    public static Review? Line(ToolSnapshot tool, IReadOnlyList<Critic> panel)
    {
        var order = panel.Select((c, i) => (c.Slug, i)).ToDictionary(p => p.Slug, p => p.i, StringComparer.Ordinal);
        var reviews = tool.Reviews.Where(r => r.Quote.Trim().Length > 0)
            .OrderBy(r => order.GetValueOrDefault(r.CriticSlug, int.MaxValue)).ThenBy(r => r.CriticSlug, StringComparer.Ordinal).ToList();
        return tool.Panel.Verdict switch
        {
            PanelVerdict.Ship => reviews.Where(r => r.Verdict == ReviewVerdict.Ship).MaxBy(r => r.Score),
            PanelVerdict.Skip => reviews.Where(r => r.Verdict == ReviewVerdict.Skip).MinBy(r => r.Score),
            _ => null,
        } ?? reviews.FirstOrDefault();
    }
}
