namespace AiCompare.Web.Pages.Shared;

/// <summary>The community Ship/Skip buttons for one tool.</summary>
public sealed record VoteForm(string Slug, string Name, string ReturnPath);
