namespace AiCompare.Web.Pages.Shared.SiteLayout;

/// <summary>What <see cref="LayoutProbe"/> puts around its head and body.</summary>
public sealed record LayoutProbeModel(PageFrame Frame, string Head, string Body);
