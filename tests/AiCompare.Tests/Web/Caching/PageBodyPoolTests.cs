using System.Runtime.InteropServices;
using Dapper;
using AiCompare.Tests.Support;
using AiCompare.Web.Caching;
using Microsoft.Extensions.DependencyInjection;

namespace AiCompare.Tests.Web.Caching;

/// <summary>Stored pages' bytes: pooled, reference-counted while being sent, reused once the cache lets go.</summary>
public sealed class PageBodyPoolTests
{
    private static byte[] ArrayOf(PageBody body) =>
        MemoryMarshal.TryGetArray(body.Memory, out var segment) ? segment.Array! : throw new InvalidOperationException("not array-backed");

    private static byte[] Page(int length, byte fill) => Enumerable.Repeat(fill, length).ToArray();

    private static PageCache Cache(int sizeLimitMb = 1) =>
        new(Microsoft.Extensions.Options.Options.Create(new CachingOptions { SizeLimitMB = sizeLimitMb }));

    [Fact]
    public void Copy_HoldsThePage_InAnArrayOfItsSizeClass()
    {
        var pool = new PageBodyPool(1 << 20);
        var body = pool.Copy(Page(19_000, 7));

        Assert.Equal(19_000, body.Length);
        Assert.Equal(20 * 1024, body.Capacity);
        Assert.True(body.Memory.Span.SequenceEqual(Page(19_000, 7)));
        Assert.Equal(0, new PageBodyPool(1 << 20).Copy([]).Length);
    }

    [Fact]
    public void ReleasedBody_GoesBackToThePool_AndTheNextPageOfItsSizeTakesItsArray()
    {
        var pool = new PageBodyPool(1 << 20);
        var first = pool.Copy(Page(19_000, 1));
        var array = ArrayOf(first);

        first.Release();
        var second = pool.Copy(Page(18_500, 2));

        Assert.Same(array, ArrayOf(second));
        Assert.Equal(0, pool.PooledBytes);
        Assert.True(second.Memory.Span.SequenceEqual(Page(18_500, 2)));
        // Another size class gets an array of its own.
        Assert.NotSame(array, ArrayOf(pool.Copy(Page(5_000, 3))));
    }

    [Fact]
    public void BodyBeingSent_KeepsItsArray_UntilTheLastReferenceIsReleased()
    {
        var pool = new PageBodyPool(1 << 20);
        var body = pool.Copy(Page(10_000, 9));
        Assert.True(body.TryAcquire()); // a response starts sending it

        body.Release(); // the cache lets go (evicted)
        var other = pool.Copy(Page(10_000, 4));

        Assert.NotSame(ArrayOf(body), ArrayOf(other));
        Assert.True(body.Memory.Span.SequenceEqual(Page(10_000, 9)));
        body.Release(); // the response is done
        Assert.Equal(10 * 1024, pool.PooledBytes);
        // Gone back: no response may start sending it now.
        Assert.False(body.TryAcquire());
        Assert.Throws<InvalidOperationException>(body.Release);
    }

    [Fact]
    public void Pool_KeepsNoMoreIdleBytesThanItsLimit()
    {
        var pool = new PageBodyPool(3 * 4 * 1024);
        var bodies = Enumerable.Range(0, 5).Select(i => pool.Copy(Page(4 * 1024, (byte)i))).ToList();

        foreach (var body in bodies) body.Release();

        Assert.Equal(3 * 4 * 1024, pool.PooledBytes);
    }

    [Fact]
    public void Cache_ReleasesTheBody_OfAnEntryEvictedReplacedOrRefused()
    {
        var cache = Cache(sizeLimitMb: 1);
        var evicted = cache.Bodies.Copy(Page(20_000, 1));
        cache.Store("/a\n", new PageEntry([], evicted, "W/\"a\"", ["tool:a"], DateTimeOffset.UtcNow));
        var replaced = cache.Bodies.Copy(Page(20_000, 2));
        cache.Store("/b\n", new PageEntry([], replaced, "W/\"b\"", ["tool:b"], DateTimeOffset.UtcNow));

        cache.Evict("tool:a");
        cache.Store("/b\n", new PageEntry([], cache.Bodies.Copy(Page(20_000, 3)), "W/\"b2\"", ["tool:b"], DateTimeOffset.UtcNow));
        Assert.False(evicted.TryAcquire());
        Assert.False(replaced.TryAcquire());

        // Larger than all the cache may hold: not stored, and its array is not lost to the pool.
        var refused = cache.Bodies.Copy(Page(PageCache.MaxBodySize, 4));
        cache.Store("/c\n", new PageEntry([], refused, "W/\"c\"", ["tool:c"], DateTimeOffset.UtcNow));
        Assert.Null(cache.Get("/c\n"));
        Assert.False(refused.TryAcquire());
    }

    [Fact]
    public async Task ManyPagesStoredAndEvicted_EveryAnswerIsItsOwnPage()
    {
        // A cache of 1 MB over pages of about 19 KB: it compacts over and over, and evicted pages'
        // arrays are reused while other requests are being answered.
        using var site = SiteFactory.WithSettings(new Dictionary<string, string> { ["Caching:SizeLimitMB"] = "1" });
        var db = site.Services.GetRequiredService<AiCompare.Data.Db>();
        new AiCompare.Data.CatalogGenerator(db).Generate(120, seed: 3);
        List<string> slugs;
        using (var connection = db.Open())
            slugs = connection.Query<string>("SELECT Slug FROM Tool WHERE IsPublished = 1 ORDER BY Slug LIMIT 40").ToList();
        var pairs = slugs.SelectMany((a, i) => slugs.Skip(i + 1).Take(4).Select(b => (a, b))).ToList();
        var client = site.Client();

        await Parallel.ForEachAsync(Enumerable.Range(0, 3).SelectMany(_ => pairs), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (pair, _) =>
        {
            var page = await client.GetStringAsync($"/compare/{pair.a}-vs-{pair.b}");
            Assert.Contains($"href=\"/tools/{pair.a}\"", page, StringComparison.Ordinal);
            Assert.Contains($"href=\"/tools/{pair.b}\"", page, StringComparison.Ordinal);
            Assert.EndsWith("</html>", page.TrimEnd(), StringComparison.Ordinal);
        });
        Assert.True(site.Services.GetRequiredService<PageCache>().Size <= 1024 * 1024);
    }
}
