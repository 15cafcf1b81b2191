using System.Text.Json;
using AiCompare.Domain;

namespace AiCompare.Web.Pages.Shared;

/// <summary>"Share this verdict": the ready text and the share links.</summary>
public sealed record Share(string Text, string Url)
{
    public static string ToolText(string name, PanelSummary panel) =>
        panel.Reviews == 0
            ? $"{name}: no verdict yet from the AiCompare panel"
            : $"{name} verdict: {panel.VerdictLabel.ToUpperInvariant()} · {panel.Ships} {(panel.Ships == 1 ? "ship" : "ships")} · {panel.Skips} {(panel.Skips == 1 ? "skip" : "skips")} from the panel";

    public IEnumerable<(string Name, string Href)> Links()
    {
        var text = Uri.EscapeDataString(Text);
        var url = Uri.EscapeDataString(Url);
        yield return ("X", $"https://x.com/intent/post?text={text}&url={url}");
        yield return ("LinkedIn", $"https://www.linkedin.com/sharing/share-offsite/?url={url}");
        yield return ("Bluesky", $"https://bsky.app/intent/compose?text={Uri.EscapeDataString(Text + " " + Url)}");
        yield return ("Hacker News", $"https://news.ycombinator.com/submitlink?u={url}&t={text}");
        yield return ("Email", $"mailto:?subject={text}&body={Uri.EscapeDataString(Text + "\n\n" + Url)}");
    }
}

/// <summary>JSON-LD written safely inside a script data block (System.Text.Json escapes &lt; &gt; &amp;).</summary>
public static class JsonLd
{
    public static string Serialize(object value) => JsonSerializer.Serialize(value);
}
