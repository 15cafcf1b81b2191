namespace AiCompare.Web.Caching;

/// <summary>Marks a page or endpoint whose successful GET responses are public and may be cached.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class PublicCacheAttribute : Attribute
{
    /// <summary>Tags known up front (more can be added per request with <see cref="CachingServices.TagCache"/>).</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];
}
