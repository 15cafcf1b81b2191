namespace AiCompare.Web.Caching;

/// <summary>
/// Orders evictions against renders. Every eviction takes the next number of a global sequence and
/// stamps it on the tag's stripe; a render notes the sequence when it starts, and its result may be
/// stored (in the page cache or the read model) only if none of its tags was evicted since. A page
/// rendered from data read before a change is therefore never cached after that change's eviction.
/// Stripes are shared by tags whose hashes collide, which only ever errs toward not storing.
/// </summary>
public sealed class EvictionClock
{
    private const int Stripes = 4096;
    private readonly long[] _stripes = new long[Stripes];
    private long _now;

    public long Now => Volatile.Read(ref _now);

    public void Evict(string tag)
    {
        var sequence = Interlocked.Increment(ref _now);
        Volatile.Write(ref _stripes[Stripe(tag)], sequence);
    }

    public void EvictAll()
    {
        var sequence = Interlocked.Increment(ref _now);
        for (var i = 0; i < Stripes; i++) Volatile.Write(ref _stripes[i], sequence);
    }

    public bool EvictedSince(string tag, long since) => Volatile.Read(ref _stripes[Stripe(tag)]) > since;

    /// <summary>The stripe a tag's evictions are stamped on (tests pick tags that do not share one).</summary>
    internal static int Stripe(string tag) => (int)((uint)StringComparer.Ordinal.GetHashCode(tag) % Stripes);
}
