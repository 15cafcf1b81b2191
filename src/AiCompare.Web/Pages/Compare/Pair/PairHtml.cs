using AiCompare.Data;
using AiCompare.Domain;
using AiCompare.Web.Pages.Shared;

namespace AiCompare.Web.Pages.Compare.Pair;

/// <summary>
/// The comparison page's markup: its head (the description) and its body, written to an
/// <see cref="IHtmlSink"/> as the <see cref="Fragments"/> are. It is the one source of the page: the
/// comparison endpoint and the page cache's first-request path (<see cref="PairPage"/>) both write it into
/// the site layout's template, so the page is the same bytes whichever of them answers. C#, not Razor:
/// it is the page rendered on the first request of each of billions of pairs, and written this way it is
/// mostly copies of UTF-8 constants, with every value HTML-encoded by the page's encoder.
/// </summary>
public static class PairHtml
{
    /// <summary>What the layout's head gets from the page: its description.</summary>
    public static void Head(IHtmlSink o, PairView m)
    {
        o.Literal("<meta name=\"description\" content=\""u8);
        o.Text(m.Description);
        o.Literal("\">"u8);
    }

    public static void Body(IHtmlSink o, PairView m)
    {
        var (a, b, w) = (m.A, m.B, m.Workload);
        o.Literal("<nav class=\"breadcrumb\" aria-label=\"Breadcrumb\">\n<a href=\"/compare\">Compare</a> / <span aria-current=\"page\">"u8);
        Names(o, a, b);
        o.Literal("</span>\n</nav>\n\n<header class=\"page-head\">\n<p class=\"eyebrow\">AI tool comparison</p>\n<h1>"u8);
        Names(o, a, b);
        o.Literal("</h1>\n<p class=\"subtitle\">Which one should you ship with? Here is the side-by-side panel verdict, pricing read, reviewer split, and community vote comparison.</p>\n</header>\n"u8);
        if (m.Voted is { } voted)
        {
            o.Literal("<p class=\"notice\" role=\"status\" data-test=\"vote-notice\">"u8);
            o.Text(voted.Text);
            o.Literal("</p>\n"u8);
        }

        o.Literal("\n<div class=\"heroes\">\n"u8);
        Hero(o, a, m.Path);
        Hero(o, b, m.Path);
        o.Literal("</div>\n\n"u8);

        Decision(o, a, b, w);
        WorkloadFormHtml(o, w);
        Scorecard(o, m);

        if (m.Others.Count > 0)
        {
            o.Literal("\n<section aria-labelledby=\"others\">\n<h2 id=\"others\">Other comparisons</h2>\n<ul class=\"link-list\" data-test=\"other-comparisons\">\n"u8);
            foreach (var p in m.Others)
            {
                // SlugA and SlugB are in canonical order: the path written in pieces, as SuggestedPair.Path makes it.
                o.Literal("<li><a href=\"/compare/"u8);
                o.Text(p.SlugA);
                o.Literal(ComparePath.Separator);
                o.Text(p.SlugB);
                o.Literal("\">"u8);
                o.Text(p.NameA);
                o.Literal(" vs "u8);
                o.Text(p.NameB);
                o.Literal("</a></li>\n"u8);
            }
            o.Literal("</ul>\n</section>\n"u8);
        }

        // The page's own URL, not the canonical one: the shared link reads in the order of the shared text.
        o.Literal("\n"u8);
        Fragments.ShareBlock(o, new Share(m.ShareText, m.Frame.Url));
        o.Literal("\n"u8);
    }

    private static void Names(IHtmlSink o, ToolSnapshot a, ToolSnapshot b)
    {
        o.Text(a.Tool.Name);
        o.Literal(" vs "u8);
        o.Text(b.Tool.Name);
    }

    private static void Hero(IHtmlSink o, ToolSnapshot hero, string path)
    {
        var tool = hero.Tool;
        var panel = hero.Panel;
        o.Literal("<article class=\"card hero\" data-test=\"hero\">\n<div class=\"hero-head\">\n<span class=\"avatar\" aria-hidden=\"true\">"u8);
        o.Text(tool.Initial);
        o.Literal("</span>\n<p class=\"eyebrow\" data-test=\"category\">"u8);
        o.Text(tool.Category);
        o.Literal("</p>\n</div>\n<h2 data-test=\"name\"><a href=\"/tools/"u8);
        o.Text(tool.Slug);
        o.Literal("\">"u8);
        o.Text(tool.Name);
        o.Literal("</a></h2>\n<p class=\"tagline\" data-test=\"tagline\">"u8);
        o.Text(tool.Tagline);
        o.Literal("</p>\n"u8);
        Fragments.VerdictChip(o, panel);
        o.Literal("\n"u8);
        Fragments.BookmarkToggle(o, tool.Slug, tool.Name, panel.VerdictLabel);
        o.Literal("\n<dl class=\"stats\">\n<div><dt>Panel ship</dt><dd data-test=\"panel-ship\">"u8);
        o.Text(panel.ShipPercentText);
        o.Literal("</dd></div>\n<div><dt>Community</dt><dd data-test=\"community\" data-community-hero=\""u8);
        o.Text(tool.Slug);
        o.Literal("\">"u8);
        o.Text(hero.Community.HeroText);
        o.Literal("</dd></div>\n<div><dt>Entry</dt><dd data-test=\"entry\">"u8);
        o.Text(Money.EntryLabel(tool.Pricing.Entry));
        o.Literal("</dd></div>\n</dl>\n"u8);
        Fragments.VoteForm(o, tool.Slug, tool.Name, path);
        var (first, rest) = HeroDescription.Split(tool.DescriptionHtml);
        // The description is HTML the site rendered from Markdown with raw HTML escaped.
        o.Literal("\n<div class=\"prose\" data-test=\"description\">\n"u8);
        o.Literal(first);
        if (rest is not null)
        {
            o.Literal("\n<details class=\"more\" data-test=\"more\">\n<summary>More about "u8);
            o.Text(tool.Name);
            o.Literal("</summary>\n"u8);
            o.Literal(rest);
            o.Literal("\n</details>"u8);
        }
        o.Literal("\n</div>\n</article>\n"u8);
    }

    private static void Decision(IHtmlSink o, ToolSnapshot a, ToolSnapshot b, WorkloadForm w)
    {
        o.Literal("<section aria-labelledby=\"decision\">\n<h2 id=\"decision\" class=\"visually-hidden\">Decision</h2>\n"u8
            + "<div class=\"table-scroll\" tabindex=\"0\" role=\"region\" aria-labelledby=\"decision\">\n"u8
            + "<table class=\"decision\" data-test=\"decision\">\n<thead>\n<tr>\n<th scope=\"col\">Decision</th>\n"u8);
        HeadCells(o, a, b);
        o.Literal("</tr>\n</thead>\n<tbody>\n"u8);
        Row(o, "Panel verdict"u8, a.Panel.DecisionText, b.Panel.DecisionText);
        Row(o, "Panel average"u8, a.Panel.AverageText, b.Panel.AverageText);
        o.Literal("<tr>\n<th scope=\"row\">Community</th>\n<td data-community-decision=\""u8);
        o.Text(a.Tool.Slug);
        o.Literal("\">"u8);
        o.Text(a.Community.DecisionText);
        o.Literal("</td>\n<td data-community-decision=\""u8);
        o.Text(b.Tool.Slug);
        o.Literal("\">"u8);
        o.Text(b.Community.DecisionText);
        o.Literal("</td>\n</tr>\n"u8);
        Row(o, "Pricing"u8, a.Tool.Pricing.Summary, b.Tool.Pricing.Summary);
        // The workload form's target: without JavaScript its submit lands here (#cost), with it site.js swaps this row.
        o.Literal("<tr id=\"cost\" data-test=\"cost-row\">\n<th scope=\"row\">"u8);
        o.Text(Workload.FormatMTok(w.InMTok));
        o.Literal("M in + "u8);
        o.Text(Workload.FormatMTok(w.OutMTok));
        o.Literal("M out tokens / month</th>\n<td data-test=\"cost-a\">"u8);
        o.Text(Workload.Format(Workload.MonthlyCost(a.Tool.Pricing, w.InMTok, w.OutMTok)));
        o.Literal("</td>\n<td data-test=\"cost-b\">"u8);
        o.Text(Workload.Format(Workload.MonthlyCost(b.Tool.Pricing, w.InMTok, w.OutMTok)));
        o.Literal("</td>\n</tr>\n"u8);
        Row(o, "Best for"u8, a.Tool.BestForText, b.Tool.BestForText);
        Row(o, "Category"u8, a.Tool.Category, b.Tool.Category);
        o.Literal("</tbody>\n</table>\n</div>\n</section>\n\n"u8);
    }

    private static void HeadCells(IHtmlSink o, ToolSnapshot a, ToolSnapshot b)
    {
        o.Literal("<th scope=\"col\">"u8);
        o.Text(a.Tool.Name);
        o.Literal("</th>\n<th scope=\"col\">"u8);
        o.Text(b.Tool.Name);
        o.Literal("</th>\n"u8);
    }

    private static void Row(IHtmlSink o, ReadOnlySpan<byte> heading, string a, string b)
    {
        o.Literal("<tr>\n<th scope=\"row\">"u8);
        o.Literal(heading);
        o.Literal("</th>\n<td>"u8);
        o.Text(a);
        o.Literal("</td>\n<td>"u8);
        o.Text(b);
        o.Literal("</td>\n</tr>\n"u8);
    }

    // Text inputs, not number inputs: a number input drops what it cannot read, and the reader's text
    // stays in the field beside the error that names it.
    private static void WorkloadFormHtml(IHtmlSink o, WorkloadForm w)
    {
        o.Literal("<form method=\"get\" action=\"#cost\" class=\"card picker workload\" data-test=\"workload-form\" data-workload>\n"u8);
        WorkloadField(o, w, "in"u8, "Input tokens (millions a month)"u8, w.InText, w.InError);
        WorkloadField(o, w, "out"u8, "Output tokens (millions a month)"u8, w.OutText, w.OutError);
        o.Literal("<button type=\"submit\" class=\"button\">Recalculate</button>\n<div class=\"workload-message\" data-workload-message>\n"u8);
        if (w.HasError)
        {
            o.Literal("<p class=\"field-error\" id=\"workload-error\" data-test=\"workload-error\">"u8);
            o.Text(WorkloadForm.FormError);
            o.Literal("</p>\n"u8);
        }
        else
        {
            o.Literal("<p class=\"hint\" id=\"workload-hint\">Price your own workload: per-token prices × your monthly tokens.</p>\n"u8);
        }
        o.Literal("</div>\n<p class=\"visually-hidden\" role=\"status\" data-workload-status data-test=\"workload-status\"></p>\n</form>\n\n"u8);
    }

    private static void WorkloadField(IHtmlSink o, WorkloadForm w, ReadOnlySpan<byte> name, ReadOnlySpan<byte> label, string value, string? error)
    {
        o.Literal("<div class=\"field\" data-workload-field=\""u8);
        o.Literal(name);
        o.Literal("\">\n<label for=\"workload-"u8);
        o.Literal(name);
        o.Literal("\">"u8);
        o.Literal(label);
        o.Literal("</label>\n<input id=\"workload-"u8);
        o.Literal(name);
        o.Literal("\" name=\""u8);
        o.Literal(name);
        o.Literal("\" type=\"text\" inputmode=\"decimal\" autocomplete=\"off\" spellcheck=\"false\" value=\""u8);
        o.Text(value);
        o.Literal(error is null ? "\" aria-invalid=\"false\""u8 : "\" aria-invalid=\"true\""u8);
        // The error and the form's message describe a field in error; the hint describes both while neither is.
        if (error is not null)
        {
            o.Literal(" aria-describedby=\"workload-"u8);
            o.Literal(name);
            o.Literal("-error workload-error\""u8);
        }
        else if (!w.HasError)
        {
            o.Literal(" aria-describedby=\"workload-hint\""u8);
        }
        o.Literal(">\n"u8);
        if (error is not null)
        {
            o.Literal("<p class=\"field-error\" id=\"workload-"u8);
            o.Literal(name);
            o.Literal("-error\" data-test=\"workload-"u8);
            o.Literal(name);
            o.Literal("-error\">"u8);
            o.Text(error);
            o.Literal("</p>\n"u8);
        }
        o.Literal("</div>\n"u8);
    }

    private static void Scorecard(IHtmlSink o, PairView m)
    {
        o.Literal("<section class=\"scorecard\" aria-labelledby=\"scorecard\">\n<h2 id=\"scorecard\">Reviewer scorecard</h2>\n"u8);
        if (m.Disagreement is { } disagreement)
        {
            o.Literal("<p class=\"disagree\" data-test=\"disagreement\"><strong>Where they disagree:</strong> "u8);
            o.Text(disagreement);
            o.Literal("</p>\n"u8);
        }
        o.Literal("<div class=\"table-scroll\" tabindex=\"0\" role=\"region\" aria-labelledby=\"scorecard\">\n<table data-test=\"scorecard\">\n<thead>\n<tr>\n<th scope=\"col\">Critic</th>\n"u8);
        HeadCells(o, m.A, m.B);
        o.Literal("</tr>\n</thead>\n<tbody>\n"u8);
        foreach (var row in m.Scorecard)
        {
            o.Literal("<tr data-test=\"critic-row\">\n<th scope=\"row\">"u8);
            o.Text(row.Critic.Label);
            o.Literal("</th>\n<td>"u8);
            Fragments.ReviewCell(o, row.A);
            o.Literal("</td>\n<td>"u8);
            Fragments.ReviewCell(o, row.B);
            o.Literal("</td>\n</tr>\n"u8);
        }
        o.Literal("</tbody>\n</table>\n</div>\n</section>\n"u8);
    }
}
