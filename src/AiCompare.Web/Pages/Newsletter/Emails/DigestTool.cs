using AiCompare.Data;
using AiCompare.Domain;

namespace AiCompare.Web.Pages.Newsletter.Emails;

/// <summary>A tool reviewed in the digest's week, with the one critic's line the digest quotes.</summary>
public sealed record DigestTool(ToolSnapshot Snapshot, Review? Line, string? LineCritic);
