namespace AiCompare.Data;

/// <summary>
/// What a committed write changed, in the terms public pages are built from. Every write to data that a
/// public page shows announces one through <see cref="ChangeFeed"/> (see <see cref="Db.WriteAsync{T}"/>),
/// and whatever keeps copies of pages or data (the page cache, the read model) listens.
/// </summary>
public abstract record Change
{
    private Change() { }

    /// <summary>
    /// Tools' fields, reviews, publication or slugs changed. Both the old and the new slug and category
    /// are named when a tool moved, since pages under either showed it.
    /// </summary>
    public sealed record ToolsChanged(IReadOnlyList<string> Slugs, IReadOnlyList<string> CategorySlugs) : Change;

    /// <summary>
    /// Only drafts changed (a schedule set or cancelled): no public page, list or read-model entry shows a
    /// draft, so listeners drop nothing. Announced all the same, so that every write says what it changed.
    /// </summary>
    public sealed record DraftsChanged(IReadOnlyList<string> Slugs) : Change;

    /// <summary>Readers' votes changed these tools' community tallies, to the committed tallies named.</summary>
    public sealed record Voted(IReadOnlyList<VotedTool> Tools) : Change;

    /// <summary>The review panel changed (a critic added or edited).</summary>
    public sealed record CriticsChanged : Change;

    /// <summary>A digest was sent, so the newsletter archive has a new issue.</summary>
    public sealed record DigestSent(string WeekOf) : Change;

    /// <summary>Many things at once (an import, a generated catalog): everything may have changed.</summary>
    public sealed record CatalogReplaced : Change;
}

/// <summary>
/// A tool whose community tally a vote changed, with its category and its tally as committed, so that a
/// listener (the live tally board, here or on another node) takes the new numbers without a query.
/// </summary>
public sealed record VotedTool(string Slug, string CategorySlug, int Ships, int Skips);
