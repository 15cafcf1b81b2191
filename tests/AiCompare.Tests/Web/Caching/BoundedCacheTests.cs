
using AiCompare.Web.Caching;

namespace AiCompare.Tests.Web.Caching;

/// <summary>The store under the page cache and the read model: limits, refusals, keys in two parts.</summary>
public sealed class BoundedCacheTests
{
    [Fact]
    public void StoreThatWouldPassTheLimit_IsRefused_AndTheBackgroundCompactionMakesRoom()
    {
        var cache = new BoundedCache<string>(10, compactTo: 0.5);
        for (var i = 0; i < 10; i++) Assert.True(cache.Set($"k{i}", "v", 1, TimeSpan.FromMinutes(1)));

        Assert.False(cache.Set("k10", "v", 1, TimeSpan.FromMinutes(1)));
        Assert.Null(cache.Get("k10"));

        // The refusal started a compaction; once it has run, half is left and there is room again.
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (cache.Size > 5 && waited.Elapsed < TimeSpan.FromSeconds(10)) Thread.Sleep(10);
        Assert.Equal(5, cache.Size);
        Assert.True(cache.Set("k10", "v", 1, TimeSpan.FromMinutes(1)));
    }

    [Fact]
    public void KeyInTwoParts_FindsWhatTheWholeKeyStored_ShortOrLong()
    {
        var cache = new BoundedCache<string>(100, compactTo: 0.9);
        var longName = new string('a', 1_000);
        cache.Set("n:agents", "short", 1, TimeSpan.FromMinutes(1));
        cache.Set("n:" + longName, "long", 1, TimeSpan.FromMinutes(1));

        Assert.Equal("short", cache.Get("n:", "agents")?.Value);
        Assert.Equal("long", cache.Get("n:", longName)?.Value);
        Assert.Null(cache.Get("n:", "agent"));
        Assert.Null(cache.Get("m:", "agents"));
    }

    [Fact]
    public void RemovedCallback_SeesEveryValueTakenOutOrReplaced_Once()
    {
        var removed = new List<string>();
        var cache = new BoundedCache<string>(100, compactTo: 0.9, removed: (key, value) => removed.Add(key + "=" + value));
        cache.Set("a", "1", 1, TimeSpan.FromMinutes(1));
        cache.Set("a", "2", 1, TimeSpan.FromMinutes(1));
        cache.Set("b", "3", 1, TimeSpan.FromMinutes(1));
        cache.Remove("a");
        cache.Remove("a");
        cache.Clear();

        Assert.Equal(["a=1", "a=2", "b=3"], removed);
        Assert.Equal(0, cache.Size);
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public void NegativeSizeOrEmptyLimit_AreRefusedOutright()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new BoundedCache<string>(0, compactTo: 0.9));
        var cache = new BoundedCache<string>(10, compactTo: 0.9);
        Assert.Throws<ArgumentOutOfRangeException>(() => cache.Set("a", "v", -1, TimeSpan.FromMinutes(1)));
        Assert.Equal(0, cache.Count);
    }
}
