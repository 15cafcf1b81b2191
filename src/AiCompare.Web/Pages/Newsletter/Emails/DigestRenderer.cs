using System.Globalization;
using System.Text;
using AiCompare.Domain;
using AiCompare.Web.Hosting;
using static AiCompare.Web.Pages.Newsletter.Emails.EmailLayout;

namespace AiCompare.Web.Pages.Newsletter.Emails;

/// <summary>
/// A digest issue as email: the subject, the HTML that is stored and shown in the archive (preheader,
/// masthead and sections; the per-recipient footer and document come at send time) and the plain text.
/// </summary>
public static class DigestRenderer
{
    public const int QuoteLength = 180;

    public static string Subject(DigestIssue issue) => issue.Tools.Count == 0
        ? string.Create(CultureInfo.InvariantCulture, $"{NewsletterName}: week of {issue.WeekOf:d MMMM yyyy}")
        : string.Create(CultureInfo.InvariantCulture, $"{NewsletterName}: {issue.Tools.Count} new {(issue.Tools.Count == 1 ? "verdict" : "verdicts")}, week of {issue.WeekOf:d MMMM yyyy}");

    /// <summary>The inbox preview: the week's calls in a line, then the comparison.</summary>
    public static string PreviewLine(DigestIssue issue)
    {
        var calls = issue.Tools.Count == 0
            ? "No new verdicts this week."
            : string.Join(", ", issue.Tools.Take(3).Select(t => $"{t.Snapshot.Tool.Name}: {t.Snapshot.Panel.VerdictLabel}"))
              + (issue.Tools.Count > 3 ? string.Create(CultureInfo.InvariantCulture, $" and {issue.Tools.Count - 3} more.") : ".");
        return issue.Pair is { } p ? $"{calls} Plus {p.A.Tool.Name} vs {p.B.Tool.Name}, critic by critic." : calls;
    }

    public static string WeekLine(DigestIssue issue) => string.Create(CultureInfo.InvariantCulture, $"Week of {issue.WeekOf:d MMMM yyyy}");

    public static string Html(DigestIssue issue, AbsoluteUrls urls)
    {
        var html = new StringBuilder();
        html.Append(Preheader(PreviewLine(issue))).Append(Masthead(WeekLine(issue)));
        var tools = new StringBuilder(Heading("Reviewed this week"));
        if (issue.Tools.Count == 0)
            tools.Append(Paragraph("No new verdicts this week: the panel is still testing. Every verdict so far is on the site.", muted: true))
                 .Append(Button(urls.Absolute("/"), "See the latest verdicts", "site-button"));
        foreach (var (tool, i) in issue.Tools.Select((t, i) => (t, i))) tools.Append(Tool(tool, urls, first: i == 0));
        html.Append(Section(tools.ToString(), "reviewed", last: issue.Pair is null));
        if (issue.Pair is { } pair) html.Append(Comparison(pair, urls));
        return html.ToString();
    }

    private static string Tool(DigestTool item, AbsoluteUrls urls, bool first)
    {
        var (tool, panel) = (item.Snapshot.Tool, item.Snapshot.Panel);
        var html = new StringBuilder();
        html.Append("<div data-test=\"digest-tool\" data-slug=\"").Append(E(tool.Slug)).Append("\" class=\"em-rule\" style=\"")
            .Append(first ? "" : "border-top:1px solid " + RuleColour + ";padding-top:16px;").Append("margin:0 0 16px\">")
            .Append("<h3 style=\"margin:0 0 4px;font-size:18px;line-height:1.3\">").Append(Anchor(urls.Absolute("/tools/" + tool.Slug), tool.Name)).Append("</h3>")
            .Append("<p class=\"em-muted\" data-test=\"tagline\" style=\"margin:0 0 8px;color:").Append(MutedColour).Append("\">").Append(E(tool.Tagline))
            .Append(" <span style=\"white-space:nowrap\">· ").Append(E(tool.Category)).Append("</span></p>")
            .Append("<p style=\"margin:0 0 8px\">").Append(Chip(panel.Verdict))
            .Append(" <span data-test=\"split\" style=\"white-space:nowrap\">").Append(E(Split(panel))).Append("</span>")
            .Append(" · <strong data-test=\"average\" style=\"white-space:nowrap\">").Append(E(panel.AverageText)).Append("</strong></p>");
        if (item.Line is { } line)
            html.Append("<blockquote class=\"em-quote\" data-test=\"quote\" style=\"margin:0;padding:8px 12px;border-left:3px solid #94a3b8;background-color:#f8fafc\">")
                .Append("<p style=\"margin:0 0 4px;font-style:italic\">“").Append(E(Shorten(line.Quote))).Append("”</p>")
                .Append("<p class=\"em-muted\" style=\"margin:0;font-size:14px;color:").Append(MutedColour).Append("\">— <span data-test=\"quote-critic\">")
                .Append(E(item.LineCritic ?? line.CriticSlug)).Append("</span>, ").Append(E(Score(line))).Append("</p></blockquote>");
        return html.Append("</div>").ToString();
    }

    private static string Comparison(DigestPair pair, AbsoluteUrls urls)
    {
        var (a, b) = (pair.A, pair.B);
        var cell = "class=\"em-cell\" style=\"padding:8px;border-bottom:1px solid " + RuleColour + ";text-align:left;vertical-align:top\"";
        var html = new StringBuilder(Heading("Comparison of the week"));
        html.Append("<p style=\"margin:0 0 4px;font-size:18px;font-weight:bold\" data-test=\"pair-title\">").Append(E(a.Tool.Name)).Append(" vs ").Append(E(b.Tool.Name)).Append("</p>")
            .Append(Paragraph(pair.Reason, muted: true))
            .Append("<table data-test=\"pair-table\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\" style=\"border-collapse:collapse;margin:0 0 16px;font-size:15px\">")
            .Append("<caption style=\"text-align:left;padding:0 0 8px;font-size:14px\" class=\"em-muted\">Each critic's score out of 100 and call</caption>")
            .Append("<thead><tr><th scope=\"col\" ").Append(cell).Append(">Critic</th><th scope=\"col\" ").Append(cell).Append('>').Append(E(a.Tool.Name))
            .Append("</th><th scope=\"col\" ").Append(cell).Append('>').Append(E(b.Tool.Name)).Append("</th></tr></thead><tbody>");
        foreach (var critic in pair.Panel)
        {
            var (ra, rb) = (a.Reviews.FirstOrDefault(r => r.CriticSlug == critic.Slug), b.Reviews.FirstOrDefault(r => r.CriticSlug == critic.Slug));
            if (ra is null && rb is null) continue;
            html.Append("<tr><th scope=\"row\" ").Append(cell).Append('>').Append(E(critic.Name)).Append("</th><td ").Append(cell).Append('>')
                .Append(E(ra is null ? "—" : Score(ra))).Append("</td><td ").Append(cell).Append('>').Append(E(rb is null ? "—" : Score(rb))).Append("</td></tr>");
        }
        html.Append("<tr><th scope=\"row\" ").Append(cell).Append(">Panel</th><td ").Append(cell).Append("><strong>").Append(E(Summary(a.Panel))).Append("</strong></td><td ")
            .Append(cell).Append("><strong>").Append(E(Summary(b.Panel))).Append("</strong></td></tr></tbody></table>");
        html.Append(Button(urls.Absolute("/compare/" + pair.Path), $"Compare {a.Tool.Name} vs {b.Tool.Name}", "compare-button"))
            .Append(Button(urls.Absolute("/tools/" + a.Tool.Slug), $"{a.Tool.Name}: the full review", "tool-button"))
            .Append(Button(urls.Absolute("/tools/" + b.Tool.Slug), $"{b.Tool.Name}: the full review", "tool-button"));
        return Section(html.ToString(), "pair", last: true);
    }

    public static string Text(DigestIssue issue, AbsoluteUrls urls)
    {
        var text = new StringBuilder();
        text.Append(NewsletterName.ToUpperInvariant()).Append('\n').Append(Brand).Append(" · ").Append(WeekLine(issue)).Append("\n\n")
            .Append(PreviewLine(issue)).Append("\n\n\n");
        Title(text, "Reviewed this week");
        if (issue.Tools.Count == 0)
            text.Append("No new verdicts this week: the panel is still testing. Every verdict so far is on the site:\n").Append(urls.Absolute("/")).Append('\n');
        foreach (var item in issue.Tools)
        {
            var (tool, panel) = (item.Snapshot.Tool, item.Snapshot.Panel);
            text.Append(tool.Name).Append('\n')
                .Append(panel.VerdictLabel).Append(" · ").Append(Split(panel)).Append(" · ").Append(panel.AverageText).Append('\n')
                .Append(tool.Tagline).Append(" (").Append(tool.Category).Append(")\n");
            if (item.Line is { } line) text.Append('"').Append(Shorten(line.Quote)).Append("\" — ").Append(item.LineCritic ?? line.CriticSlug).Append('\n');
            text.Append(urls.Absolute("/tools/" + tool.Slug)).Append("\n\n");
        }
        if (issue.Pair is { } pair)
        {
            var (a, b) = (pair.A, pair.B);
            text.Append('\n');
            Title(text, "Comparison of the week");
            text.Append(a.Tool.Name).Append(" vs ").Append(b.Tool.Name).Append('\n').Append(pair.Reason).Append("\n\n");
            var rows = pair.Panel
                .Select(c => (c.Name, A: a.Reviews.FirstOrDefault(r => r.CriticSlug == c.Slug), B: b.Reviews.FirstOrDefault(r => r.CriticSlug == c.Slug)))
                .Where(r => r.A is not null || r.B is not null)
                .Select(r => (r.Name, A: r.A is null ? "—" : Score(r.A), B: r.B is null ? "—" : Score(r.B)))
                .Prepend(("Critic", a.Tool.Name, b.Tool.Name))
                .Append(("Panel", Summary(a.Panel), Summary(b.Panel)))
                .ToList();
            var (w1, w2) = (rows.Max(r => r.Item1.Length) + 3, rows.Max(r => r.Item2.Length) + 3);
            foreach (var (critic, sa, sb) in rows) text.Append(critic.PadRight(w1)).Append(sa.PadRight(w2)).Append(sb).Append('\n');
            text.Append("\nCompare them: ").Append(urls.Absolute("/compare/" + pair.Path)).Append('\n')
                .Append(a.Tool.Name).Append(": ").Append(urls.Absolute("/tools/" + a.Tool.Slug)).Append('\n')
                .Append(b.Tool.Name).Append(": ").Append(urls.Absolute("/tools/" + b.Tool.Slug)).Append('\n');
        }
        return text.ToString();
    }

    private static void Title(StringBuilder text, string title) => text.Append(title.ToUpperInvariant()).Append('\n').Append('=', title.Length).Append("\n\n");

    private static string Split(PanelSummary panel) => string.Create(CultureInfo.InvariantCulture, $"{panel.Ships} ship / {panel.Skips} skip");

    private static string Summary(PanelSummary panel) =>
        panel.Average is { } average ? string.Create(CultureInfo.InvariantCulture, $"avg {average} · {panel.VerdictLabel}") : panel.VerdictLabel;

    private static string Score(Review review) =>
        string.Create(CultureInfo.InvariantCulture, $"{review.Score} {(review.Verdict == ReviewVerdict.Ship ? "Ship" : "Skip")}");

    /// <summary>A review's first sentence when it is short enough, else its opening words: a line, not the review.</summary>
    public static string Shorten(string quote)
    {
        quote = string.Join(' ', quote.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        for (var i = 0; i < quote.Length - 1 && i < QuoteLength; i++)
            if (quote[i] is '.' or '!' or '?' && quote[i + 1] == ' ' && i > 20) return quote[..(i + 1)];
        if (quote.Length <= QuoteLength) return quote;
        var cut = quote.LastIndexOf(' ', QuoteLength);
        return quote[..(cut > 40 ? cut : QuoteLength)].TrimEnd(',', ';', ':', ' ') + "…";
    }
}
