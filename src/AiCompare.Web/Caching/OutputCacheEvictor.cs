using AiCompare.Data;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;

namespace AiCompare.Web.Caching;

/// <summary>
/// With <c>Caching:Store=OutputCache</c>, evicts the framework's output cache by the same tags as the page
/// cache (<see cref="CacheEvictor.TagsOf"/>) when a write announces a change.
/// </summary>
public sealed class OutputCacheEvictor(Db db, IOutputCacheStore store, IOptions<CachingOptions> options, ILogger<OutputCacheEvictor> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.Store == CacheStore.OutputCache) db.Changes.Subscribe(Evict);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void Evict(Change change)
    {
        // The in-memory store evicts synchronously; waiting here keeps "evicted before the write is answered".
        foreach (var tag in CacheEvictor.TagsOf(change) ?? [PublicPagePolicy.Everything])
        {
            var eviction = store.EvictByTagAsync(tag, CancellationToken.None);
            if (!eviction.IsCompletedSuccessfully) eviction.AsTask().GetAwaiter().GetResult();
        }
        logger.LogDebug("Output cache: evicted what shows {Change}", change.GetType().Name);
    }
}
