using AiCompare.Domain;

namespace AiCompare.Web.Pages.Shared;

/// <summary>"Share this verdict": the ready text and the share links.</summary>
public sealed record Share(string Text, string Url)
{
    public static string ToolText(string name, PanelSummary panel) =>
        panel.Reviews == 0
            ? $"{name}: no verdict yet from the AiCompare panel"
            : $"{name} verdict: {panel.VerdictLabel.ToUpperInvariant()} · {panel.Ships} {(panel.Ships == 1 ? "ship" : "ships")} · {panel.Skips} {(panel.Skips == 1 ? "skip" : "skips")} from the panel";

    /// <summary>Where a share link takes the escaped text.</summary>
    internal static readonly string TextSlot = new(['{', '0', '}']);

    /// <summary>Where a share link takes the escaped link.</summary>
    internal static readonly string UrlSlot = new(['{', '1', '}']);

    /// <summary>
    /// Each network's share link as it is written inside an <c>href</c> attribute (so <c>&amp;</c> is
    /// <c>&amp;amp;</c>), in pieces: markup, and <see cref="TextSlot"/> or <see cref="UrlSlot"/> (told
    /// apart by reference) where the escaped text or link goes. Escaped values hold only unreserved
    /// characters and <c>%XX</c>, which HTML needs no encoding for, so the pieces are written as they
    /// are, one after another: no link string is built per render.
    /// </summary>
    internal static readonly (string Name, string[] HrefHtml)[] Networks =
    [
        ("X", ["https://x.com/intent/post?text=", TextSlot, "&amp;url=", UrlSlot]),
        ("LinkedIn", ["https://www.linkedin.com/sharing/share-offsite/?url=", UrlSlot]),
        // Escaping works character by character, so "text, space, link" escaped is the two escaped with %20 between.
        ("Bluesky", ["https://bsky.app/intent/compose?text=", TextSlot, "%20", UrlSlot]),
        ("Hacker News", ["https://news.ycombinator.com/submitlink?u=", UrlSlot, "&amp;t=", TextSlot]),
        ("Email", ["mailto:?subject=", TextSlot, "&amp;body=", TextSlot, "%0A%0A", UrlSlot]),
    ];
}
