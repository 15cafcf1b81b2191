using System.ComponentModel.DataAnnotations;

namespace AiCompare.Web.Pages.Compare;

/// <summary>The <c>Catalog</c> settings: the read model's size and whether it is filled at start.</summary>
public sealed class CatalogOptions
{
    public const string Section = "Catalog";

    /// <summary>How many tool snapshots the read model holds at most (least recently used go first).</summary>
    /// <remarks>
    /// Sized to the popular tools, not the whole catalog: readers ask for a few tools far more often than
    /// the rest, so a read model of the recently used tools serves nearly every render, and the
    /// rest cost one small query each. Holding every tool of a large catalog kept the
    /// site above its memory budget under that traffic (docs/performance.md, "Peak memory").
    /// </remarks>
    [Range(100, 100_000_000, ErrorMessage = "Catalog:CachedTools must be between 100 and 100000000.")]
    public int CachedTools { get; set; } = 20_000;

    /// <summary>Whether the read model is filled in the background once the site has started.</summary>
    public bool WarmOnStart { get; set; } = true;
}
