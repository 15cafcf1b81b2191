using System.Security.Cryptography;
using System.Text;

namespace AiCompare.Web.Pages.Admin.Tools;

/// <summary>
/// A save refused because someone saved the tool first, merged three ways against the values the form was
/// opened with (<see cref="Fingerprint"/>, carried in the form): a field only they changed takes their value
/// (<see cref="Taken"/>), a field only the editor changed keeps theirs, and a field both changed differently is
/// a clash (<see cref="Differences"/>) for the editor to settle, keeping theirs or taking the stored value
/// (<see cref="TakeStored"/>). With who saved it and when; the form then saves against the stored version.
/// </summary>
public sealed record ToolConflict(IReadOnlyList<ToolConflict.Difference> Differences, IReadOnlyList<string> Taken, string? SavedBy, bool SavedByYou, string? SavedAt)
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

    /// <summary>
    /// Merges what is <paramref name="stored"/> into what was <paramref name="typed"/> (changed in place: the
    /// fields only they changed take their value) and returns what is left to settle. Without a usable
    /// <paramref name="original"/> fingerprint every differing field is a clash.
    /// </summary>
    public static ToolConflict Resolve(ToolForm stored, ToolForm typed, string? original, string? savedBy, bool savedByYou, string? savedAt)
    {
        var opened = original?.Split('.');
        if (opened?.Length != Fields.Length) opened = null;
        var differences = new List<Difference>();
        var taken = new List<string>();
        for (var i = 0; i < Fields.Length; i++)
        {
            var f = Fields[i];
            var (theirs, yours) = (Text(f.Get(stored)), Text(f.Get(typed)));
            if (theirs == yours) continue;
            if (opened is not null)
            {
                var youChanged = Hash(yours) != opened[i];
                var theyChanged = Hash(theirs) != opened[i];
                if (!youChanged)
                {
                    f.Set(typed, f.Get(stored));
                    taken.Add(f.Label);
                    continue;
                }
                if (!theyChanged) continue;
            }
            differences.Add(new Difference(f.Field, f.Label, f.ControlId, theirs, yours));
        }
        return new ToolConflict(differences, taken, savedBy, savedByYou, savedAt);
    }

    /// <summary>
    /// A short hash of each field's value, in order, as the form carries them (<c>Form.Original</c>): enough
    /// to tell later which fields the editor changed, without sending every value twice.
    /// </summary>
    public static string Fingerprint(ToolForm form) => string.Join('.', Fields.Select(f => Hash(Text(f.Get(form)))));

    private static string Hash(string text) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)), 0, 8);

    /// <summary>Copies into <paramref name="form"/> the stored value of each field named in <paramref name="fields"/>.</summary>
    public static void TakeStored(ToolForm form, ToolForm stored, IEnumerable<string> fields)
    {
        var chosen = fields.ToHashSet(StringComparer.Ordinal);
        foreach (var f in Fields)
        {
            if (chosen.Contains(f.Field)) f.Set(form, f.Get(stored));
        }
    }

    /// <summary>What happened, in a few sentences for the error summary.</summary>
    public string Sentence
    {
        get
        {
            var by = SavedBy is { Length: > 0 } name ? char.ToUpperInvariant(name[0]) + name[1..] : "Another editor";
            var who = SavedByYou ? "You saved this tool in another tab or window" : $"{by} saved this tool";
            var when = SavedAt is { Length: >= 16 } at ? $" at {at[..16].Replace('T', ' ')} UTC" : "";
            var took = Taken.Count == 0 ? "" : $" Their changes to {Join(Taken)} are now in the form.";
            var what = Differences.Count switch
            {
                0 => " None of your changes clashes with theirs: check the form and save again.",
                1 => " One field was changed on both sides (below): keep yours or take the stored value, then save again.",
                var n => $" {n} fields were changed on both sides (below): for each, keep yours or take the stored value, then save again.",
            };
            return $"{who}{when} after you opened it, so nothing was saved yet. What you typed is kept.{took}{what}";
        }
    }

    private static string Join(IReadOnlyList<string> labels) =>
        labels.Count == 1 ? labels[0] : string.Join(", ", labels.Take(labels.Count - 1)) + " and " + labels[^1];

    // Line ends as a browser posts them (CRLF) or as stored (LF) are the same text.
    private static string Text(string? value) => (value ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
}
