using System.Net;
using System.Text;
using AiCompare.Domain;

namespace AiCompare.Web.Pages.Newsletter.Emails;

/// <summary>
/// The newsletter's email HTML: what mail clients render, not what browsers do. Layout is tables with
/// inline styles (Gmail and Outlook drop most of a style sheet), one column at most 600 px wide that
/// shrinks on a phone, and a light palette whose every colour a dark-mode block overrides, so a client
/// that honours <c>prefers-color-scheme</c> shows light text on dark and one that inverts colours still
/// has the contrast. Every value that reaches the HTML goes through <see cref="E"/>.
/// </summary>
public static class EmailLayout
{
    public const string Brand = "AiCompare";
    public const string NewsletterName = "Weekly AI Tool Verdicts";

    private const string Font = "font-family:-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,Helvetica,Arial,sans-serif";
    public const string TextColour = "#0f172a";
    public const string MutedColour = "#475569";
    public const string LinkColour = "#1d4ed8";
    public const string RuleColour = "#e2e8f0";

    // Outlook.com marks dark mode with [data-ogsc]/[data-ogsb] instead of the media query.
    private const string Styles = """
        :root { color-scheme: light dark; supported-color-schemes: light dark; }
        body { margin: 0; padding: 0; width: 100% !important; -webkit-text-size-adjust: 100%; }
        a { color: #1d4ed8; }
        @media (prefers-color-scheme: dark) {
          .em-body { background-color: #0b1120 !important; }
          .em-card { background-color: #111827 !important; color: #e5e7eb !important; }
          .em-text { color: #e5e7eb !important; }
          .em-muted { color: #cbd5e1 !important; }
          .em-link { color: #93c5fd !important; }
          .em-rule { border-color: #334155 !important; }
          .em-quote { border-color: #475569 !important; background-color: #1f2937 !important; }
          .em-cell { border-color: #334155 !important; }
        }
        [data-ogsc] .em-card, [data-ogsc] .em-text { color: #e5e7eb !important; }
        [data-ogsc] .em-muted { color: #cbd5e1 !important; }
        [data-ogsc] .em-link { color: #93c5fd !important; }
        [data-ogsb] .em-body { background-color: #0b1120 !important; }
        [data-ogsb] .em-card { background-color: #111827 !important; }
        """;

    public static string E(string text) => WebUtility.HtmlEncode(text);

    /// <summary>
    /// The whole email: <paramref name="content"/> (from <see cref="Preheader"/>, <see cref="Masthead"/> and
    /// sections) then <paramref name="footer"/>, the part that differs per recipient.
    /// </summary>
    public static string Document(string title, string content, string footer)
    {
        var html = new StringBuilder(content.Length + 4096);
        html.Append("<!DOCTYPE html>\n<html lang=\"en\" xmlns=\"http://www.w3.org/1999/xhtml\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<meta name=\"color-scheme\" content=\"light dark\"><meta name=\"supported-color-schemes\" content=\"light dark\">")
            .Append("<meta name=\"x-apple-disable-message-reformatting\">")
            .Append("<title>").Append(E(title)).Append("</title><style>").Append(Styles).Append("</style></head>")
            .Append("<body class=\"em-body\" style=\"margin:0;padding:0;background-color:#f1f5f9;").Append(Font).Append("\">")
            .Append("<table role=\"presentation\" class=\"em-body\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\" style=\"background-color:#f1f5f9\"><tr><td align=\"center\" style=\"padding:16px 8px\">")
            // Outlook for Windows ignores max-width: a fixed 600 px table holds the column there.
            .Append("<!--[if mso]><table role=\"presentation\" width=\"600\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\"><tr><td><![endif]-->")
            .Append("<div style=\"max-width:600px;margin:0 auto\">")
            .Append(content)
            .Append(footer)
            .Append("</div><!--[if mso]></td></tr></table><![endif]--></td></tr></table></body></html>");
        return html.ToString();
    }

    /// <summary>The line inbox lists show after the subject; hidden in the message itself.</summary>
    public static string Preheader(string text) =>
        "<div data-test=\"preheader\" style=\"display:none;font-size:1px;line-height:1px;max-height:0;max-width:0;opacity:0;overflow:hidden;mso-hide:all\">"
        + E(text) + "</div>";

    /// <summary>The brand bar and the newsletter's name, with a line under it (e.g. the week).</summary>
    public static string Masthead(string subline) =>
        "<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\" data-test=\"masthead\">"
        + "<tr><td style=\"background-color:#1e3a8a;padding:20px 24px;border-radius:8px 8px 0 0;" + Font + "\">"
        + "<p style=\"margin:0;font-size:14px;font-weight:bold;letter-spacing:0.08em;text-transform:uppercase;color:#ffffff\" data-test=\"brand\">" + Brand + "</p>"
        + "<h1 style=\"margin:4px 0 0;font-size:26px;line-height:1.25;color:#ffffff\">" + NewsletterName + "</h1>"
        + "<p style=\"margin:6px 0 0;font-size:15px;color:#e0e7ff\">" + E(subline) + "</p>"
        + "</td></tr></table>";

    /// <summary>A white card section; <paramref name="inner"/> is HTML already encoded.</summary>
    public static string Section(string inner, string? test = null, bool last = false) =>
        "<table role=\"presentation\" class=\"em-card\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\" style=\"background-color:#ffffff;color:" + TextColour
        + (last ? ";border-radius:0 0 8px 8px" : "") + "\"" + (test is null ? "" : " data-test=\"" + test + "\"") + ">"
        + "<tr><td class=\"em-card\" style=\"padding:20px 24px;font-size:16px;line-height:1.5;color:" + TextColour + ";" + Font + "\">" + inner + "</td></tr></table>";

    public static string Heading(string text) =>
        "<h2 style=\"margin:0 0 12px;font-size:20px;line-height:1.3\">" + E(text) + "</h2>";

    public static string Paragraph(string text, bool muted = false) =>
        "<p class=\"" + (muted ? "em-muted" : "em-text") + "\" style=\"margin:0 0 12px;color:" + (muted ? MutedColour : TextColour) + "\">" + E(text) + "</p>";

    public static string Anchor(string url, string text) =>
        "<a class=\"em-link\" href=\"" + E(url) + "\" style=\"color:" + LinkColour + ";text-decoration:underline\">" + E(text) + "</a>";

    /// <summary>
    /// A "bulletproof" button: the colour is on the table cell, so a client that ignores padding on links
    /// still shows a button, and the whole cell is the link where padding works. White on #1d4ed8 passes
    /// AA in both colour schemes.
    /// </summary>
    public static string Button(string url, string label, string? test = null) =>
        "<table role=\"presentation\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\" style=\"margin:0 0 10px\"" + (test is null ? "" : " data-test=\"" + test + "\"") + "><tr>"
        + "<td align=\"center\" bgcolor=\"#1d4ed8\" style=\"border-radius:6px;background-color:#1d4ed8\">"
        + "<a href=\"" + E(url) + "\" style=\"display:inline-block;padding:12px 22px;border-radius:6px;font-size:16px;font-weight:bold;line-height:1.2;color:#ffffff;text-decoration:none;" + Font + "\">"
        + E(label) + "</a></td></tr></table>";

    /// <summary>The verdict as a coloured chip that also says it in words, with a mark for each call.</summary>
    public static string Chip(PanelVerdict verdict)
    {
        var (background, mark) = verdict switch
        {
            PanelVerdict.Ship => ("#166534", "✓"),
            PanelVerdict.Skip => ("#991b1b", "✗"),
            PanelVerdict.Mixed => ("#92400e", "≈"),
            _ => ("#475569", "·"),
        };
        return "<span data-test=\"chip\" data-verdict=\"" + VerdictRule.Token(verdict) + "\" style=\"display:inline-block;padding:2px 10px;border-radius:999px;background-color:"
            + background + ";color:#ffffff;font-size:14px;font-weight:bold;line-height:1.5\"><span aria-hidden=\"true\">" + mark + "</span> "
            + E(VerdictRule.Label(verdict)) + "</span>";
    }

    /// <summary>The footer every email ends with: why it came, and how to stop it.</summary>
    public static string Footer(string reason, string unsubscribeUrl, string siteUrl) =>
        "<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\" data-test=\"footer\"><tr>"
        + "<td class=\"em-muted\" style=\"padding:16px 24px;font-size:13px;line-height:1.5;color:" + MutedColour + ";text-align:center;" + Font + "\">"
        + "<p style=\"margin:0 0 6px\">" + E(reason) + "</p>"
        + "<p style=\"margin:0\">" + Anchor(unsubscribeUrl, "Unsubscribe") + " · " + Anchor(siteUrl, Brand) + "</p>"
        + "</td></tr></table>";
}
