using System.Net;
using AiCompare.Tests.Support;
using AiCompare.Web.Caching;
using AiCompare.Web.Pages.Compare;
using Dapper;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace AiCompare.Tests.Web.Caching;

/// <summary>The page cache as the benchmark relies on it: hits, variants, validators, the switch, and renders overtaken by a change.</summary>
public sealed class PageCacheTests : IDisposable
{
    private const string Pair = "/compare/mistral-medium-3-vs-smolvlm2-2b";
    private readonly AdminSite _site = new();

    public void Dispose() => _site.Dispose();

    private void Sql(string sql)
    {
        using var connection = SuiteDatabase.Open(_site.Factory.ConnectionString);
        connection.Execute(sql);
    }

    [Fact]
    public async Task SecondRequest_IsAHitWithTheSameHeadersAndAnAge()
    {
        var client = _site.Client();
        using var first = await client.GetAsync(Pair);
        using var second = await client.GetAsync(Pair);

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.False(first.Headers.Contains("Age"));
        Assert.True(second.Headers.Contains("Age"));
        Assert.Equal(first.Headers.ETag, second.Headers.ETag);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        foreach (var header in new[] { "Content-Security-Policy", "X-Frame-Options", "X-Content-Type-Options", "Referrer-Policy" })
            Assert.Equal(first.Headers.GetValues(header), second.Headers.GetValues(header));
        Assert.False(second.Headers.Contains("Set-Cookie"));
        Assert.Equal(first.Content.Headers.LastModified, second.Content.Headers.LastModified);
    }

    [Fact]
    public async Task ForgedHost_NeverFillsTheEntryOtherReadersGet()
    {
        var forged = _site.Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://evil.example/") });
        for (var i = 0; i < 2; i++) (await forged.GetAsync(Pair)).Dispose();

        using var response = await _site.Client().GetAsync(Pair);
        var doc = Html.Parse(await response.Content.ReadAsStringAsync());

        Assert.False(response.Headers.Contains("Age"));
        Assert.Equal("http://localhost" + Pair, doc.One("link[rel=canonical]").GetAttribute("href"));
        Assert.DoesNotContain("evil.example", doc.DocumentElement.OuterHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EncodingVariants_AreCachedSeparately_AndEachDecodesToThePage()
    {
        var client = _site.Client();
        var plain = await client.GetStringAsync(Pair);
        var stored = new HashSet<string>();
        // "gzip, deflate, br" shares the br entry, "br;q=0, gzip" the gzip one: entries follow what is sent.
        foreach (var encoding in new[] { "br", "gzip", "gzip, deflate, br", "br;q=0, gzip" })
        {
            for (var i = 0; i < 2; i++)
            {
                var request = new HttpRequestMessage(HttpMethod.Get, Pair);
                request.Headers.TryAddWithoutValidation("Accept-Encoding", encoding);
                using var response = await client.SendAsync(request);
                var expected = encoding == "br;q=0, gzip" ? "gzip" : encoding.Contains("br", StringComparison.Ordinal) ? "br" : "gzip";
                Assert.Equal(expected, response.Content.Headers.ContentEncoding.Single());
                Assert.Equal(!stored.Add(expected), response.Headers.Contains("Age"));
                Assert.Equal(RenderTime.Without(plain), RenderTime.Without(await response.ReadDecodedAsync()));
            }
        }
        using var identity = await client.GetAsync(Pair);
        Assert.Empty(identity.Content.Headers.ContentEncoding);
        Assert.Equal(plain, await identity.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task IfModifiedSince_OnACachedPage_Answers304_AndAnOlderDateGetsThePage()
    {
        var client = _site.Client();
        using var first = await client.GetAsync(Pair);
        var modified = first.Content.Headers.LastModified!.Value;

        var same = new HttpRequestMessage(HttpMethod.Get, Pair);
        same.Headers.IfModifiedSince = modified;
        using var notModified = await client.SendAsync(same);
        var older = new HttpRequestMessage(HttpMethod.Get, Pair);
        older.Headers.IfModifiedSince = modified.AddMinutes(-5);
        using var full = await client.SendAsync(older);

        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.OK, full.StatusCode);
    }

    [Fact]
    public async Task ComparisonOfAToolInMemory_ReadsNoDatabase_UntilTheToolIsEvicted()
    {
        var client = _site.Client();
        Assert.Equal("Mistral Medium 3 vs SmolVLM2-2B", (await client.GetDocumentAsync(Pair)).One("h1").Text());
        Sql("UPDATE Tool SET Name = 'Renamed Behind The Site' WHERE Slug = 'smolvlm2-2b'");

        // A pair never rendered before: the page is new, the tool comes from the read model.
        var other = await client.GetDocumentAsync("/compare/smolvlm2-vs-smolvlm2-2b");
        Assert.Equal("SmolVLM2 vs SmolVLM2-2B", other.One("h1").Text());

        _site.Service<AiCompare.Data.Db>().Changes.Announce(new AiCompare.Data.Change.ToolsChanged(["smolvlm2-2b"], ["developer-tools"]));
        Assert.Equal("Mistral Medium 3 vs Renamed Behind The Site", (await client.GetDocumentAsync(Pair)).One("h1").Text());
        Assert.Equal("SmolVLM2 vs Renamed Behind The Site", (await client.GetDocumentAsync("/compare/smolvlm2-vs-smolvlm2-2b")).One("h1").Text());
    }

    [Fact]
    public async Task AToolSluggedLikeAReadModelKey_IsHeldLikeAnyOther()
    {
        var client = _site.Client();
        await client.GetAsync("/");
        // Tools are held under their slugs as they are; "panel" was once also the key of the critics' panel.
        Sql("UPDATE Tool SET Slug = 'panel' WHERE Slug = 'smolvlm2-2b'");
        _site.Service<AiCompare.Data.Db>().Changes.Announce(new AiCompare.Data.Change.CatalogReplaced());
        Assert.Equal("Mistral Medium 3 vs SmolVLM2-2B", (await client.GetDocumentAsync("/compare/mistral-medium-3-vs-panel")).One("h1").Text());

        Sql("UPDATE Tool SET Name = 'Renamed Behind The Site' WHERE Slug = 'panel'");
        var other = await client.GetDocumentAsync("/compare/panel-vs-smolvlm2");

        Assert.Equal("SmolVLM2-2B vs SmolVLM2", other.One("h1").Text());
        Assert.Equal(4, other.QuerySelectorAll("[data-test=critic-row]").Length);
    }

    [Fact]
    public async Task ReadModel_HoldsEveryFieldOfEachTool_AsTheDatabaseHasIt()
    {
        // The read model keeps its own compact copy of each snapshot (for memory locality): a copy
        // that dropped or mixed up a field would show on every comparison page.
        var cache = _site.Service<ToolReadModel>();
        cache.Clear();
        Assert.Equal(6, await cache.WarmAsync(CancellationToken.None));
        var slugs = new[] { "mistral-medium-3", "smolvlm2-2b", "mercury-edit-2" };
        var fromDatabase = (await _site.Service<AiCompare.Data.CatalogRepository>().LoadSnapshotsAsync(slugs)).ToDictionary(s => s.Tool.Slug);

        var held = await cache.GetToolsAsync(slugs);

        Assert.Equal(3, held.Count);
        foreach (var slug in slugs)
        {
            var (expected, actual) = (fromDatabase[slug], held[slug]);
            Assert.Equal(expected.Tool, actual.Tool); // record equality: every field, pricing included
            Assert.Equal(expected.Reviews, actual.Reviews);
            Assert.Equal(expected.Community, actual.Community);
            Assert.Equal(expected.Panel, actual.Panel);
            Assert.NotEmpty(actual.Reviews);
        }
    }

    [Fact]
    public async Task VoteOnATool_LeavesEveryPageCached_ItsOwnToolPageIncluded()
    {
        var client = _site.Client();
        await client.GetStringAsync("/tools/mistral-code");
        await client.GetStringAsync(Pair);

        var vote = new HttpRequestMessage(HttpMethod.Post, "/votes/mistral-code") { Content = new FormUrlEncodedContent([new("verdict", "ship")]) };
        using (var voted = await client.SendAsync(vote)) Assert.Equal(HttpStatusCode.SeeOther, voted.StatusCode);

        using var untouched = await client.GetAsync(Pair);
        using var kept = await client.GetAsync("/tools/mistral-code");
        Assert.True(untouched.Headers.Contains("Age"));
        Assert.True(kept.Headers.Contains("Age"));
    }

    [Fact]
    public async Task AdminAndPerReaderAnswers_AreNeverCached()
    {
        var editor = await _site.SignedInAsync(AdminSite.EditorEmail);
        using var first = await editor.GetAsync("/admin/tools");
        using var second = await editor.GetAsync("/admin/tools");
        using var mine = await _site.Client().GetAsync("/votes/mine?slug=smolvlm2");
        using var mineAgain = await _site.Client().GetAsync("/votes/mine?slug=smolvlm2");

        Assert.False(second.Headers.Contains("Age"));
        Assert.Null(second.Headers.ETag);
        Assert.False(mineAgain.Headers.Contains("Age"));
        Assert.Null(mineAgain.Headers.ETag);
    }

}

/// <summary>With the page cache switched off (as the benchmark's uncached runs do) every request renders.</summary>
public sealed class PageCacheOffTests : IDisposable
{
    private readonly SiteFactory _site = SiteFactory.WithSettings(new Dictionary<string, string> { ["Caching:Pages"] = "false" });

    public void Dispose() => _site.Dispose();

    [Fact]
    public async Task EveryRequestRenders_ButStillCarriesValidators()
    {
        var client = _site.Client();
        const string page = "/compare/mistral-medium-3-vs-smolvlm2-2b";
        // The signup form carries the render time in whole seconds (for dropping bots that post at once),
        // so two renders agree byte for byte only within one second: a pair of requests that straddles a
        // second is measured again.
        for (var attempt = 1; ; attempt++)
        {
            using var first = await client.GetAsync(page);
            using var second = await client.GetAsync(page);
            var (firstBody, secondBody) = (await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
            Assert.False(second.Headers.Contains("Age"));
            Assert.NotNull(second.Headers.ETag);
            Assert.Equal(RenderTime.Without(firstBody), RenderTime.Without(secondBody));

            var again = new HttpRequestMessage(HttpMethod.Get, page);
            again.Headers.IfNoneMatch.Add(second.Headers.ETag!);
            using var revalidated = await client.SendAsync(again);
            var sameSecond = RenderTime.Of(firstBody) == RenderTime.Of(secondBody)
                && (revalidated.StatusCode == HttpStatusCode.NotModified || RenderTime.Of(await revalidated.Content.ReadAsStringAsync()) == RenderTime.Of(secondBody));
            if (!sameSecond && attempt < 5) continue;

            Assert.Equal(first.Headers.ETag, second.Headers.ETag);
            Assert.Equal(HttpStatusCode.NotModified, revalidated.StatusCode);
            return;
        }
    }
}

/// <summary>The middleware and store without a site: races with eviction, the doorkeeper, tag indexes.</summary>
public sealed class PageCacheUnitTests
{
    private static PageCache Cache(int sizeLimitMb = 256, TimeProvider? time = null) =>
        new(Microsoft.Extensions.Options.Options.Create(new CachingOptions { SizeLimitMB = sizeLimitMb }), time);

    /// <summary>The site's compression settings, as the page cache asks them which encoding a request gets.</summary>
    private static readonly Microsoft.AspNetCore.ResponseCompression.IResponseCompressionProvider Compression =
        new ServiceCollection().AddLogging().AddCaching().BuildServiceProvider()
            .GetRequiredService<Microsoft.AspNetCore.ResponseCompression.IResponseCompressionProvider>();

    /// <summary>A clock the test moves: the doorkeeper re-reads the cache's size at most every 50 ms.</summary>
    private sealed class ManualTime : TimeProvider
    {
        public long Milliseconds { get; set; }
        public override long TimestampFrequency => 1000;
        public override long GetTimestamp() => Milliseconds;
    }

    private static DefaultHttpContext Request(string path)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "GET";
        context.Request.Path = path;
        context.Response.Body = new MemoryStream();
        context.SetEndpoint(new Endpoint(null, new EndpointMetadataCollection(new PublicCacheAttribute()), "test"));
        return context;
    }

    // Without the comparison path (these requests are not comparisons): the middleware alone.
    private static PageCacheMiddleware Middleware(RequestDelegate next, PageCache cache, EvictionClock clock, Microsoft.AspNetCore.ResponseCompression.IResponseCompressionProvider compression) =>
        new(next, cache, clock, compression, pairs: null!, security: null!, Microsoft.Extensions.Options.Options.Create(new CachingOptions { PairFastPath = false }), endpoints: null!, Microsoft.Extensions.Logging.Abstractions.NullLogger<PageCacheMiddleware>.Instance);

    private static RequestDelegate Page(string tag, Action? whileRendering = null) => async context =>
    {
        context.TagCache(tag);
        whileRendering?.Invoke();
        context.Response.ContentType = "text/html";
        await context.Response.WriteAsync("<p>page</p>");
    };

    [Fact]
    public async Task ResponseClearedAfterAPartialWrite_SendsOnlyWhatCameAfter()
    {
        // What the exception handler does when a page throws halfway: Clear(), then write the error page.
        var middleware = Middleware(async context =>
        {
            await context.Response.WriteAsync("<p>half a pa");
            context.Response.Clear();
            context.Response.StatusCode = 500;
            await context.Response.WriteAsync("<p>error</p>");
        }, Cache(), new EvictionClock(), Compression);
        var request = Request("/tools/a");

        await middleware.InvokeAsync(request);

        Assert.Equal(500, request.Response.StatusCode);
        Assert.Equal("<p>error</p>", System.Text.Encoding.UTF8.GetString(((MemoryStream)request.Response.Body).ToArray()));
    }

    [Fact]
    public async Task EntryFromAClockSinceSteppedBack_IsServedWithAgeZero()
    {
        var cache = Cache();
        var middleware = Middleware(Page("tool:a"), cache, new EvictionClock(), Compression);
        // The key of the GET below: scheme, host, path, query (none), "\n", negotiated encoding (none).
        cache.Store("https://t.test/tools/a\n", new PageEntry([], new PageBody("<p>page</p>"u8.ToArray()), "W/\"x\"", ["tool:a"], DateTimeOffset.UtcNow.AddHours(1)));

        var request = Request("/tools/a");
        request.Request.Scheme = "https";
        request.Request.Host = new HostString("t.test");
        await middleware.InvokeAsync(request);

        Assert.Equal(200, request.Response.StatusCode);
        Assert.Equal("0", request.Response.Headers.Age.ToString());
    }

    [Fact]
    public async Task PageRenderedWhileItsDataChanged_IsSentButNotStored()
    {
        var cache = Cache();
        var clock = new EvictionClock();
        var middleware = Middleware(Page("tool:a", () => clock.Evict("tool:a")), cache, clock, Compression);

        var context = Request("/tools/a");
        await middleware.InvokeAsync(context);

        Assert.Equal(200, context.Response.StatusCode);
        Assert.Equal("<p>page</p>", System.Text.Encoding.UTF8.GetString(((MemoryStream)context.Response.Body).ToArray()));
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public async Task EvictionOfAnotherTag_DoesNotStopTheStore_AndEvictingTheTagRemovesIt()
    {
        var cache = Cache();
        var clock = new EvictionClock();
        // Another tag on another stripe: string hashes differ from run to run, and one time in 4,096 two
        // tags share a stripe (the clock then errs toward not storing, which is right, but not this test).
        var other = new[] { "tool:b", "tool:c", "tool:d" }.First(t => EvictionClock.Stripe(t) != EvictionClock.Stripe("tool:a"));
        var middleware = Middleware(Page("tool:a", () => clock.Evict(other)), cache, clock, Compression);

        await middleware.InvokeAsync(Request("/tools/a"));
        Assert.Equal(1, cache.Count);

        cache.Evict(other);
        Assert.Equal(1, cache.Count);
        cache.Evict("tool:a");
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public void Doorkeeper_AdmitsEverythingWithRoom_ThenOnlyWhatIsAskedForAFourthTime()
    {
        var cache = Cache(sizeLimitMb: 1);
        Assert.True(cache.Admit("/compare/a-vs-b\n"));
        for (var i = 0; cache.Size < cache.SizeLimit / 10 * 9; i++)
            cache.Store($"/filler/{i}\n", Entry(16 * 1024, "site"));

        Assert.Equal(4, PageCache.Sightings);
        Assert.False(cache.Admit("/compare/c-vs-d\n"));
        Assert.False(cache.Admit("/compare/c-vs-d\n"));
        // Another key in between does not reset this one's count: it has a slot of its own (but for a one-in-a-million collision).
        Assert.False(cache.Admit("/compare/e-vs-f\n"));
        Assert.False(cache.Admit("/compare/c-vs-d\n"));
        Assert.True(cache.Admit("/compare/c-vs-d\n"));
        // Once asked for often enough, it is stored again at once after an eviction.
        Assert.True(cache.Admit("/compare/c-vs-d\n"));
        Assert.False(cache.Admit("/compare/e-vs-f\n"));
    }

    [Fact]
    public void Doorkeeper_StaysShutAfterCompaction_AndOpensWhenEvictionsFreeHalf()
    {
        var cache = Cache(sizeLimitMb: 1);
        var i = 0;
        for (; cache.Size < cache.SizeLimit / 10 * 9; i++)
            cache.Store($"/filler/{i}\n", Entry(16 * 1024, "site", "tool:" + (i % 2)));
        Assert.False(cache.Admit("/compare/g-vs-h\n"));

        // A little below 90% (what a compaction leaves) the doorkeeper still decides.
        cache.Remove("/filler/0\n");
        cache.Remove("/filler/1\n");
        Assert.True(cache.Size < cache.SizeLimit / 10 * 9);
        Assert.False(cache.Admit("/compare/i-vs-j\n"));

        // Evictions that empty it (both tools edited) open it again: every page is stored on its first request.
        cache.Evict("tool:0");
        cache.Evict("tool:1");
        Assert.Equal(0, cache.Size);
        Assert.True(cache.Admit("/compare/k-vs-l\n"));
    }

    private static PageEntry Entry(int bytes, params string[] tags) => new([], new PageBody(new byte[bytes]), "W/\"x\"", tags, DateTimeOffset.UtcNow);

    [Fact]
    public void Entry_ExpiresAfterTheLifetime_AndItsBytesAreGiven_Back()
    {
        var time = new ManualTime();
        var cache = Cache(time: time);
        cache.Store("/a\n", Entry(1000, "tool:a"));
        var held = cache.Size;

        time.Milliseconds += (long)PageCache.Lifetime.TotalMilliseconds - 1;
        var entry = cache.Get("/a\n");
        Assert.NotNull(entry);
        Assert.Equal((long)PageCache.Lifetime.TotalSeconds - 1, cache.AgeSeconds(entry));

        time.Milliseconds += 1;
        Assert.Null(cache.Get("/a\n"));
        Assert.Equal(0, cache.Count);
        Assert.Equal(0, cache.Size);
        Assert.True(held > 1000);
    }

    [Fact]
    public void Compaction_RemovesTheLeastRecentlyUsed_AndKeepsWhatWasRead()
    {
        var time = new ManualTime();
        var cache = Cache(sizeLimitMb: 1, time);
        var stored = 0;
        for (; cache.Size + 17 * 1024 + 1024 <= cache.SizeLimit; stored++)
        {
            cache.Store($"/p/{stored}\n", Entry(16 * 1024, "site"));
            time.Milliseconds += 100;
        }
        // The oldest page is read now; the second oldest is not.
        Assert.NotNull(cache.Get("/p/0\n"));

        cache.Compact();

        Assert.True(cache.Size <= cache.SizeLimit / 10 * 9, $"{cache.Size}");
        Assert.NotNull(cache.Get("/p/0\n"));
        Assert.Null(cache.Get("/p/1\n"));
        Assert.NotNull(cache.Get($"/p/{stored - 1}\n"));
    }

    [Fact]
    public void Replacing_CountsTheNewEntryOnly_AndKeepsItsTags()
    {
        var cache = Cache();
        cache.Store("/a\n", Entry(1000, "tool:a", "tool:b"));
        var once = cache.Size;
        cache.Store("/a\n", Entry(1000, "tool:b"));

        Assert.Equal(once, cache.Size);
        Assert.Equal(1, cache.Count);
        cache.Evict("tool:b");
        Assert.Null(cache.Get("/a\n"));
        Assert.Equal(0, cache.Size);
    }

    [Fact]
    public void Clear_EmptiesTheCacheAndItsSize_AndLaterStoresAreEvictedByTag()
    {
        var cache = Cache();
        for (var i = 0; i < 10; i++) cache.Store($"/p/{i}\n", Entry(100, "tool:a"));
        cache.Clear();
        Assert.Equal(0, cache.Count);
        Assert.Equal(0, cache.Size);

        cache.Store("/p/0\n", Entry(100, "tool:a"));
        cache.Evict("tool:a");
        Assert.Null(cache.Get("/p/0\n"));
    }

    [Fact]
    public async Task ConcurrentStoresAndEvictions_LeaveNoEntryUnindexed()
    {
        var cache = Cache();
        var keys = Enumerable.Range(0, 8).Select(i => $"/p/{i}\n").ToArray();
        await Task.WhenAll(Enumerable.Range(0, 4).Select(worker => Task.Run(() =>
        {
            for (var n = 0; n < 20_000; n++)
            {
                var key = keys[(n + worker) % keys.Length];
                if (n % 3 == 0) cache.Remove(key);
                else cache.Store(key, Entry(10, "tool:a"));
            }
        })));

        // Whatever the interleaving, every entry left is still found by its tag, and the size adds up.
        Assert.Equal(cache.Count * (10 + 1024 + keys[0].Length * 2L), cache.Size);
        cache.Evict("tool:a");
        Assert.Equal(0, cache.Count);
        Assert.Equal(0, cache.Size);
    }

    [Fact]
    public void SizeStaysBounded_UnderManyStores()
    {
        var cache = Cache(sizeLimitMb: 1);
        for (var i = 0; i < 2_000; i++)
            cache.Store($"/p/{i}\n", new PageEntry([], new PageBody(new byte[8 * 1024]), "W/\"x\"", ["site", "tool:" + (i % 7)], DateTimeOffset.UtcNow));

        Assert.True(cache.Size <= cache.SizeLimit, $"{cache.Size} > {cache.SizeLimit}");
        Assert.InRange(cache.Count, 1, 1024 * 1024 / (8 * 1024));
    }

    [Theory]
    [InlineData("", "")]
    [InlineData("br", "br")]
    [InlineData("gzip", "gzip")]
    [InlineData("gzip, deflate, br", "br")]
    [InlineData("gzip, deflate, br, zstd", "br")]
    [InlineData("br;q=0.5, gzip", "gzip")]
    [InlineData("br;q=0, gzip;q=0", "")]
    [InlineData("*", "br")]
    [InlineData("*;q=0, gzip", "gzip")]
    [InlineData("identity", "")]
    [InlineData("deflate", "")]
    [InlineData(";;;garbage,,", "")]
    public void NegotiatedEncoding_MatchesWhatCompressionWillSend(string header, string expected)
    {
        var context = new DefaultHttpContext();
        context.Request.Headers.AcceptEncoding = header;
        Assert.Equal(expected, Compression.NegotiatedEncoding(context));
    }
}
