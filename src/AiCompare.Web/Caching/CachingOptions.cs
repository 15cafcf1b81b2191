using System.ComponentModel.DataAnnotations;

namespace AiCompare.Web.Caching;

/// <summary>The <c>Caching</c> settings: whether public pages are kept in the page cache, and its size.</summary>
public sealed class CachingOptions : IValidatableObject
{
    public const string Section = "Caching";

    /// <summary>False turns the page cache off: every request renders.</summary>
    public bool Pages { get; set; } = true;

    /// <summary>The page cache's size in megabytes (bodies plus an allowance for headers and keys).</summary>
    public int SizeLimitMB { get; set; } = 128;

    /// <summary>
    /// True (the default): a plain GET of a comparison the cache does not hold is written by the page
    /// cache's middleware itself, before the rest of the pipeline. False sends it through the whole
    /// pipeline to the comparison endpoint, which writes the same page (kept to measure the difference).
    /// </summary>
    public bool PairFastPath { get; set; } = true;

    /// <summary>
    /// Which store holds public pages: the site's own page cache, or ASP.NET Core's output cache under
    /// the same rules (kept so that the two can be measured side by side; see docs/performance.md).
    /// </summary>
    public CacheStore Store { get; set; } = CacheStore.PageCache;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // Only checked when the cache is on, so that the way out the message offers is enough.
        if (Pages && SizeLimitMB < 1)
            yield return new ValidationResult(
                $"Caching:SizeLimitMB must be at least 1 (got {SizeLimitMB}); set Caching:Pages to false to turn the page cache off.",
                [nameof(SizeLimitMB)]);
    }
}
