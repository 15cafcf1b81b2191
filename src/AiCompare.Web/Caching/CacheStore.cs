namespace AiCompare.Web.Caching;

/// <summary>The store behind public pages (<c>Caching:Store</c>).</summary>
public enum CacheStore
{
    /// <summary>The site's page cache (<see cref="PageCache"/>): the default.</summary>
    PageCache,

    /// <summary>ASP.NET Core's output cache, held to the same rules by <see cref="PublicPagePolicy"/>.</summary>
    OutputCache,
}
