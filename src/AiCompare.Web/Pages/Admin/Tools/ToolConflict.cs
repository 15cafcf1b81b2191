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

    /// <summary>
    /// Merges what is <paramref name="stored"/> into what was <paramref name="typed"/> (changed in place: the
    /// fields only they changed take their value) and returns what is left to settle. Without a usable
    /// <paramref name="original"/> fingerprint every differing field is a clash.
    /// </summary>
    public static ToolConflict Resolve(ToolForm stored, ToolForm typed, string? original, string? savedBy, bool savedByYou, string? savedAt)
    {
        var opened = original?.Split('.');
        if (opened?.Length != ToolForm.Fields.Length) opened = null;
        var differences = new List<Difference>();
        var taken = new List<string>();
        for (var i = 0; i < ToolForm.Fields.Length; i++)
        {
            var f = ToolForm.Fields[i];
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
            differences.Add(new Difference(f.Property, f.Label, f.ControlId, theirs, yours));
        }
        return new ToolConflict(differences, taken, savedBy, savedByYou, savedAt);
    }

    /// <summary>
    /// A short hash of each field's value, in order, as the form carries them (<c>Form.Original</c>): enough
    /// to tell later which fields the editor changed, without sending every value twice.
    /// </summary>
    public static string Fingerprint(ToolForm form) => string.Join('.', ToolForm.Fields.Select(f => Hash(Text(f.Get(form)))));

    private static string Hash(string text) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)), 0, 8);

    /// <summary>Copies into <paramref name="form"/> the stored value of each field named in <paramref name="fields"/>.</summary>
    public static void TakeStored(ToolForm form, ToolForm stored, IEnumerable<string> fields)
    {
        var chosen = fields.ToHashSet(StringComparer.Ordinal);
        foreach (var f in ToolForm.Fields)
        {
            if (chosen.Contains(f.Property)) f.Set(form, f.Get(stored));
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
