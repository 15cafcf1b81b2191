using System.ComponentModel.DataAnnotations;

namespace AiCompare.Web.Pages.Compare;

/// <summary>The <c>Catalog</c> settings: the read model's size and whether it is filled at start.</summary>
public sealed class CatalogOptions
{
    public const string Section = "Catalog";

    /// <summary>How many tool snapshots the read model holds at most (least recently used go first).</summary>
    [Range(100, 100_000_000, ErrorMessage = "Catalog:CachedTools must be between 100 and 100000000.")]
    public int CachedTools { get; set; } = 150_000;

    /// <summary>Whether the read model is filled in the background once the site has started.</summary>
    public bool WarmOnStart { get; set; } = true;
}
