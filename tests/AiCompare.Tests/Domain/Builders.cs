using System.Globalization;
using AiCompare.Domain;

namespace AiCompare.Tests.Domain;

/// <summary>Small builders for Domain test data: sensible defaults, so a test names only what it is about.</summary>
internal static class Build
{
    public static Critic Critic(string slug, int order = 0, string? name = null) =>
        new(slug, name ?? "Critic " + slug, slug, null, null, order, [], [], "");

    public static Review Ship(long toolId, string critic, int score) => new(toolId, critic, score, ReviewVerdict.Ship, "Quote.");

    public static Review Skip(long toolId, string critic, int score) => new(toolId, critic, score, ReviewVerdict.Skip, "Quote.");

    /// <summary>A decimal from text, because attributes cannot hold decimals and doubles would defeat the point.</summary>
    public static decimal? Usd(string? text) =>
        text is null ? null : decimal.Parse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);

    public static Pricing Pricing(PricingEntry entry, string? input = null, string? output = null) =>
        new(entry, "Summary", Usd(input), Usd(output));

    public static Tool Tool(string name = "Tool", string tagline = "The tagline", string? bestFor = null) =>
        new(1, "tool", name, tagline, "Coding", "coding", null, null, null, bestFor, Pricing(PricingEntry.Free), "");

    public static ToolSummary Summary(string slug, string categorySlug) =>
        new(slug, slug.ToUpperInvariant(), "Tagline", categorySlug, categorySlug, null, PricingEntry.Free, PanelSummary.Empty);

    public static ReviewDraft ReviewDraft(
        string? critic = "builder", string? score = "80", string? verdict = "ship", string? quote = "A quote.", string? reviewed = null) =>
        new(critic, score, verdict, quote, reviewed);

    /// <summary>A tool draft that passes validation as it stands.</summary>
    public static ToolDraft ToolDraft(params ReviewDraft[] reviews) => new(
        Slug: "tool",
        Name: "Tool",
        Tagline: "A tagline.",
        Category: "Coding",
        Vendor: null,
        Website: null,
        Reviewed: null,
        BestFor: null,
        Entry: "paid",
        PricingSummary: "Usage-based.",
        InputPerMTok: null,
        OutputPerMTok: null,
        Reviews: reviews,
        Description: "Body.");

    /// <summary>A critic draft that passes validation as it stands.</summary>
    public static CriticDraft CriticDraft() => new(
        Slug: "builder",
        Name: "The Builder",
        Label: "Builder",
        Role: null,
        Motto: null,
        Order: "1",
        ExcitedAbout: [],
        TiredOf: [],
        Bio: "Builds things.");
}
