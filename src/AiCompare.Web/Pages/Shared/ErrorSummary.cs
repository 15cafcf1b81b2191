namespace AiCompare.Web.Pages.Shared;

/// <summary>
/// The errors of a failed save, listed at the top of its form with a link to each field (the GOV.UK
/// error summary, rendered by <c>_ErrorSummary.cshtml</c>): the page takes focus there, so a failed save
/// cannot look like nothing happened when the field at fault is below the fold.
/// </summary>
public sealed record ErrorSummary(IReadOnlyList<ErrorSummary.Item> Items, string? Message = null)
{
    /// <summary>One error: the id of the control it is about, and what to do.</summary>
    public sealed record Item(string FieldId, string Text);

    public bool IsEmpty => Items.Count == 0 && Message is null;

    /// <summary>The errors of <paramref name="errors"/> (keyed as the page keys them) in the order of <paramref name="controls"/>: key and control id.</summary>
    public static ErrorSummary Of(IReadOnlyDictionary<string, string> errors, IEnumerable<(string Key, string ControlId)> controls, string? message = null) =>
        new(controls.Where(c => errors.ContainsKey(c.Key)).Select(c => new Item(c.ControlId, errors[c.Key])).ToList(), message);
}
