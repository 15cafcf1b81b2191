using System.Collections.Concurrent;
using AiCompare.Data;
using AiCompare.Domain;
using AiCompare.Web.Caching;
using AiCompare.Web.Hosting;
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
/// The read model offers the tally of every snapshot it loads (<see cref="Offer"/>), so a page whose tools
/// were just read from the database costs no second round trip for their tallies.
/// </summary>
public sealed class TallyBoard
{
    private readonly ConcurrentDictionary<string, Entry> _tallies = new(StringComparer.Ordinal);
    private readonly VoteRepository _votes;
    private readonly long _lifetimeMs;

    // Every announced vote and every time the board forgets entries takes the next number. An entry
    // carries the number of the vote that set it; _forgotAt is the number of the last forgetting.
    private long _sequence;
    private long _forgotAt;

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
    /// Where the board stands: read it before reading tallies from the database, and pass it to
    /// <see cref="Offer"/> with what was read.
    /// </summary>
    public long Sequence => Volatile.Read(ref _sequence);

    /// <summary>
    /// A tally read from the database after <see cref="Sequence"/> was <paramref name="readSince"/>. Taken
    /// unless the board knows better: a vote announced since then (it committed after the read began, so
    /// the read may have missed it) keeps its entry, and after the board forgot entries (full, or a tool
    /// changed) the read may be older than a vote it no longer holds, so the offer is refused.
    /// </summary>
    public void Offer(string slug, CommunityTally tally, long readSince)
    {
        // Checked before the entry is added, and every forgetting moves _forgotAt before it removes: an
        // offer that passed this check is either refused here or removed by that forgetting.
        if (Volatile.Read(ref _forgotAt) > readSince || _tallies.Count >= Capacity) return;
        var fresh = new Entry(tally, Environment.TickCount64, readSince);
        if (_tallies.TryGetValue(slug, out var seen))
        {
            if (seen.Sequence <= readSince) _tallies.TryUpdate(slug, fresh, seen);
        }
        else _tallies.TryAdd(slug, fresh);
    }

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

        await IoThread.LeaveAsync();
        var since = Sequence;
        var loaded = await _votes.TalliesAsync(missing.ConvertAll(m => m.Slug));
        if (_tallies.Count + loaded.Count > Capacity) Forget(null);
        foreach (var (slug, seen) in missing)
        {
            if (!loaded.TryGetValue(slug, out var tally)) continue;
            var fresh = new Entry(tally, Environment.TickCount64, since);
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
                if (_tallies.Count + voted.Tools.Count > Capacity) Forget(null);
                // Numbered before it is stored: an offer read before this number cannot replace it.
                var sequence = Interlocked.Increment(ref _sequence);
                // Kept even for a tool nobody has asked for yet: a load that began before this vote
                // committed then finds it here and leaves it.
                foreach (var tool in voted.Tools) _tallies[tool.Slug] = new Entry(new CommunityTally(tool.Ships, tool.Skips), now, sequence);
                break;
            case Change.ToolsChanged tools:
                // Unpublished, renamed or deleted: asked for again, the database says what it is now.
                Forget(tools.Slugs);
                break;
            case Change.CatalogReplaced:
                Forget(null);
                break;
        }
    }

    /// <summary>Drops the given tools' entries, or all of them: numbered first, then removed (see <see cref="Offer"/>).</summary>
    private void Forget(IReadOnlyCollection<string>? slugs)
    {
        Volatile.Write(ref _forgotAt, Interlocked.Increment(ref _sequence));
        if (slugs is null) _tallies.Clear();
        else foreach (var slug in slugs) _tallies.TryRemove(slug, out _);
    }

    // A class, not a record: TryUpdate must compare the entry seen by reference, not by value.
    private sealed class Entry(CommunityTally tally, long at, long sequence)
    {
        public CommunityTally Tally { get; } = tally;
        public long At { get; } = at;

        /// <summary>The board's <see cref="Sequence"/> when this tally was true: the vote that set it, or the read that found it.</summary>
        public long Sequence { get; } = sequence;
    }
}
