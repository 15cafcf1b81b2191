using AiCompare.Data;
using AiCompare.Domain;
using AiCompare.Web.Caching;
using AiCompare.Web.Pages.Votes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AiCompare.Web.Pages.Tools;

/// <summary>A tool's page: <c>/tools/{slug}</c>.</summary>
[PublicCache]
public sealed class DetailModel(CatalogRepository catalog, TallyBoard board) : PageModel
{
    /// <summary>
    /// The page: its community tally from the live board as of this render (a vote evicts no page), and the
    /// reader's own vote just counted when their vote form came back here without JavaScript.
    /// </summary>
    public ToolPageView View { get; private set; } = default!;

    public Tool Tool => View.Tool;
    public PanelSummary Panel => View.Panel;

    /// <summary>schema.org SoftwareApplication with the panel's reviews and their aggregate.</summary>
    public object StructuredData(string url) => new Dictionary<string, object?>
    {
        ["@context"] = "https://schema.org",
        ["@type"] = "SoftwareApplication",
        ["name"] = Tool.Name,
        ["description"] = Tool.Tagline,
        ["applicationCategory"] = Tool.Category,
        ["url"] = url,
        ["offers"] = new Dictionary<string, object?> { ["@type"] = "Offer", ["description"] = Tool.Pricing.Summary, ["price"] = Tool.Pricing.Entry == PricingEntry.Free ? "0" : null, ["priceCurrency"] = "USD" },
        ["aggregateRating"] = Panel.Average is { } average
            ? new Dictionary<string, object> { ["@type"] = "AggregateRating", ["ratingValue"] = average, ["bestRating"] = 100, ["worstRating"] = 0, ["ratingCount"] = Panel.Reviews }
            : null,
        ["review"] = View.Reviews.Where(r => r.Review is not null).Select(r => new Dictionary<string, object>
        {
            ["@type"] = "Review",
            ["author"] = new Dictionary<string, object> { ["@type"] = "Person", ["name"] = r.Critic.Name },
            ["reviewRating"] = new Dictionary<string, object> { ["@type"] = "Rating", ["ratingValue"] = r.Review!.Score, ["bestRating"] = 100, ["worstRating"] = 0 },
            ["reviewBody"] = r.Review.Quote,
        }).ToList(),
    };

    public async Task<IActionResult> OnGetAsync(string slug)
    {
        var lower = slug.ToLowerInvariant();
        if (!Slug.IsValid(lower)) return NotFound();
        if (!string.Equals(lower, slug, StringComparison.Ordinal))
            return RedirectToPagePermanent("/Tools/Detail", new { slug = lower });

        var data = await catalog.GetToolPageAsync(slug);
        if (data is null)
        {
            var redirects = await catalog.FindRedirectsAsync([slug]);
            return redirects.TryGetValue(slug, out var current)
                ? RedirectToPagePermanent("/Tools/Detail", new { slug = current })
                : NotFound();
        }
        HttpContext.TagCache(CacheTags.Tool(data.Tool.Slug), CacheTags.Category(data.Tool.CategorySlug), CacheTags.Critics);
        var community = (await board.GetAsync([data.Tool.Slug])).GetValueOrDefault(data.Tool.Slug) ?? data.Community;
        View = new ToolPageView(data, community, VoteNotice.Read(HttpContext, data.Tool));
        return Page();
    }
}
