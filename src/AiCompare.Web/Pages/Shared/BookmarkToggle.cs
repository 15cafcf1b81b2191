namespace AiCompare.Web.Pages.Shared;

/// <summary>What a bookmark remembers of a tool: enough to list it without asking the server.</summary>
public sealed record BookmarkToggle(string Slug, string Name, string Verdict);
