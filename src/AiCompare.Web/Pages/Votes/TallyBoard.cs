using System.Collections.Concurrent;
using AiCompare.Data;
using AiCompare.Domain;
using AiCompare.Web.Caching;
using AiCompare.Web.Pages.Compare;
using Microsoft.Extensions.Options;

namespace AiCompare.Web.Pages.Votes;

/// <summary>
/// The live community tallies: what every page, API answer and <c>/votes/tally</c> shows, read at render
/// time, so that a vote needs to evict no cached page or read-model entry. It holds the tools it was asked
/// for (the missing ones are loaded together, in one query) and takes each committed tally from the
/// <see cref="Change.Voted"/> announcement, on the writer's thread before the vote is acknowledged, so a
/// voter's next request already sees their vote. Bounded by <c>Catalog:CachedTools</c> tools; entries also
/// expire after <see cref="PageCache.Lifetime"/>, so tallies written by another process show within that time.
/// </summary>
public sealed class TallyBoard
{
    private readonly ConcurrentDictionary<string, Entry> _tallies = new(StringComparer.Ordinal);
    private readonly VoteRepository _votes;
    private readonly long _lifetimeMs;

    public TallyBoard(Db db, VoteRepository votes, IOptions<CatalogOptions> options)
        : this(db, votes, options.Value.CachedTools, PageCache.Lifetime)
    {
    }

    public TallyBoard(Db db, VoteRepository votes, int capacity, TimeSpan lifetime)
    {
        _votes = votes;
        Capacity = capacity;
        _lifetimeMs = (long)lifetime.TotalMilliseconds;
        db.Changes.Subscribe(Take);
    }

    /// <summary>How many tools the board holds at most.</summary>
    public int Capacity { get; }

    public int Count => _tallies.Count;

    /// <summary>
    /// The tallies of the published tools among <paramref name="slugs"/> (valid, lowercase slugs), unknown
    /// ones left out. Tools not on the board are loaded in one query, whatever their number.
    /// </summary>
    public async ValueTask<IReadOnlyDictionary<string, CommunityTally>> GetAsync(IReadOnlyCollection<string> slugs)
    {
        var found = new Dictionary<string, CommunityTally>(slugs.Count, StringComparer.Ordinal);
        // Each missing tool with what the board held for it (nothing, or an expired entry), so that a
        // load never replaces a tally a vote announced while the query ran.
        List<(string Slug, Entry? Seen)>? missing = null;
        var now = Environment.TickCount64;
        foreach (var slug in slugs)
        {
            if (_tallies.TryGetValue(slug, out var entry) && now - entry.At < _lifetimeMs)
                found[slug] = entry.Tally;
            else (missing ??= []).Add((slug, entry));
        }
        if (missing is null) return found;

        var loaded = await _votes.TalliesAsync(missing.ConvertAll(m => m.Slug));
        if (_tallies.Count + loaded.Count > Capacity) _tallies.Clear();
        foreach (var (slug, seen) in missing)
        {
            if (!loaded.TryGetValue(slug, out var tally)) continue;
            var fresh = new Entry(tally, Environment.TickCount64);
            var stored = seen is null ? _tallies.TryAdd(slug, fresh) : _tallies.TryUpdate(slug, fresh, seen);
            // A vote announced meanwhile is newer than what the query read.
            found[slug] = stored || !_tallies.TryGetValue(slug, out var newer) ? tally : newer.Tally;
        }
        return found;
    }

    private void Take(Change change)
    {
        switch (change)
        {
            case Change.Voted voted:
                var now = Environment.TickCount64;
                if (_tallies.Count + voted.Tools.Count > Capacity) _tallies.Clear();
                // Kept even for a tool nobody has asked for yet: a load that began before this vote
                // committed then finds it here and leaves it.
                foreach (var tool in voted.Tools) _tallies[tool.Slug] = new Entry(new CommunityTally(tool.Ships, tool.Skips), now);
                break;
            case Change.ToolsChanged tools:
                // Unpublished, renamed or deleted: asked for again, the database says what it is now.
                foreach (var slug in tools.Slugs) _tallies.TryRemove(slug, out _);
                break;
            case Change.CatalogReplaced:
                _tallies.Clear();
                break;
        }
    }

    // A class, not a record: TryUpdate must compare the entry seen by reference, not by value.
    private sealed class Entry(CommunityTally tally, long at)
    {
        public CommunityTally Tally { get; } = tally;
        public long At { get; } = at;
    }
}
