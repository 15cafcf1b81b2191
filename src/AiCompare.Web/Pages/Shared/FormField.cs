namespace AiCompare.Web.Pages.Shared;

/// <summary>One labelled form control with its error and hint, rendered by <c>_Field.cshtml</c>.</summary>
public sealed record FormField(
    string Id,
    string Name,
    string Label,
    string? Value,
    string? Error = null,
    string Type = "text",
    string? Hint = null,
    bool Required = false,
    string? List = null,
    string? Autocomplete = null,
    int Rows = 8);
