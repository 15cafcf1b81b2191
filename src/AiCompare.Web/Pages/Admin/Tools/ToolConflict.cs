namespace AiCompare.Web.Pages.Admin.Tools;

/// <summary>
/// A save refused because someone saved the tool first: the fields where what is stored now differs from
/// what the editor typed, and who saved it when. The editor keeps theirs or takes the stored value, field
/// by field (<see cref="TakeStored"/>), and saves against the stored version.
/// </summary>
public sealed record ToolConflict(IReadOnlyList<ToolConflict.Difference> Differences, string? SavedBy, bool SavedByYou, string? SavedAt)
{
    /// <summary>One field: its form property, label and control, and both values as text.</summary>
    public sealed record Difference(string Field, string Label, string ControlId, string Stored, string Yours);

    private sealed record FormField(string Field, string Label, string ControlId, Func<ToolForm, string?> Get, Action<ToolForm, string?> Set);

    private static readonly FormField[] Fields =
    [
        new(nameof(ToolForm.Name), "Name", "name", f => f.Name, (f, v) => f.Name = v),
        new(nameof(ToolForm.Slug), "Slug", "slug", f => f.Slug, (f, v) => f.Slug = v),
        new(nameof(ToolForm.Tagline), "Tagline", "tagline", f => f.Tagline, (f, v) => f.Tagline = v),
        new(nameof(ToolForm.Category), "Category", "category", f => f.Category, (f, v) => f.Category = v),
        new(nameof(ToolForm.Vendor), "Vendor", "vendor", f => f.Vendor, (f, v) => f.Vendor = v),
        new(nameof(ToolForm.Website), "Website", "website", f => f.Website, (f, v) => f.Website = v),
        new(nameof(ToolForm.Reviewed), "Reviewed", "reviewed", f => f.Reviewed, (f, v) => f.Reviewed = v),
        new(nameof(ToolForm.BestFor), "Best for", "best-for", f => f.BestFor, (f, v) => f.BestFor = v),
        new(nameof(ToolForm.Entry), "Entry", "entry", f => f.Entry, (f, v) => f.Entry = v),
        new(nameof(ToolForm.PricingSummary), "Pricing summary", "pricing-summary", f => f.PricingSummary, (f, v) => f.PricingSummary = v),
        new(nameof(ToolForm.InputPerMTok), "Input price per 1M tokens", "input-price", f => f.InputPerMTok, (f, v) => f.InputPerMTok = v),
        new(nameof(ToolForm.OutputPerMTok), "Output price per 1M tokens", "output-price", f => f.OutputPerMTok, (f, v) => f.OutputPerMTok = v),
        new(nameof(ToolForm.Description), "Description", "description", f => f.Description, (f, v) => f.Description = v),
    ];

    public static ToolConflict Between(ToolForm stored, ToolForm typed, string? savedBy, bool savedByYou, string? savedAt) => new(
        Fields.Select(f => (f, Stored: Text(f.Get(stored)), Yours: Text(f.Get(typed))))
            .Where(x => x.Stored != x.Yours)
            .Select(x => new Difference(x.f.Field, x.f.Label, x.f.ControlId, x.Stored, x.Yours))
            .ToList(),
        savedBy,
        savedByYou,
        savedAt);

    /// <summary>Copies into <paramref name="form"/> the stored value of each field named in <paramref name="fields"/>.</summary>
    public static void TakeStored(ToolForm form, ToolForm stored, IEnumerable<string> fields)
    {
        var chosen = fields.ToHashSet(StringComparer.Ordinal);
        foreach (var f in Fields)
        {
            if (chosen.Contains(f.Field)) f.Set(form, f.Get(stored));
        }
    }

    /// <summary>What happened, in one sentence for the error summary.</summary>
    public string Sentence
    {
        get
        {
            var who = SavedByYou ? "You saved this tool in another tab or window" : $"{SavedBy ?? "Another editor"} saved this tool";
            var when = SavedAt is { Length: >= 16 } at ? $" at {at[..16].Replace('T', ' ')} UTC" : "";
            var what = Differences.Count switch
            {
                0 => "Their save changed none of the fields you typed in: save again to keep yours.",
                1 => "One field differs (below): keep yours or take the stored value, then save again.",
                var n => $"{n} fields differ (below): for each, keep yours or take the stored value, then save again.",
            };
            return $"{who}{when} after you opened it, so nothing was saved. Everything you typed is kept. {what}";
        }
    }

    // Line ends as a browser posts them (CRLF) or as stored (LF) are the same text.
    private static string Text(string? value) => (value ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
}
