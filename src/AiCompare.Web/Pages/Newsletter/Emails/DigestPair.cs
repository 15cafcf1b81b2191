using AiCompare.Data;
using AiCompare.Domain;

namespace AiCompare.Web.Pages.Newsletter.Emails;

/// <summary>
/// The comparison of the week: two tools in the order of the pair page it links to (its canonical URL,
/// so the email's columns and the page's agree), why they were picked, and the panel.
/// </summary>
public sealed record DigestPair(ToolSnapshot A, ToolSnapshot B, string Reason, IReadOnlyList<Critic> Panel)
{
    public string Path => ComparePath.Canonical(A.Tool.Slug, B.Tool.Slug);

    public static DigestPair Of(ToolSnapshot x, ToolSnapshot y, string reason, IReadOnlyList<Critic> panel) =>
        string.CompareOrdinal(x.Tool.Slug, y.Tool.Slug) <= 0 ? new(x, y, reason, panel) : new(y, x, reason, panel);
}
