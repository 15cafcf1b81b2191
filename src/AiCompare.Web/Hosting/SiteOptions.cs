namespace AiCompare.Web.Hosting;

/// <summary>Settings the pages and verbs read.</summary>
public sealed record SiteOptions(string ContentPath);
