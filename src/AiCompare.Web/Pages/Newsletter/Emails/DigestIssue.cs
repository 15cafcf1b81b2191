namespace AiCompare.Web.Pages.Newsletter.Emails;

/// <summary>What one week's digest says: the tools reviewed that week and the comparison of the week.</summary>
public sealed record DigestIssue(DateOnly WeekOf, IReadOnlyList<DigestTool> Tools, DigestPair? Pair);
