using AiCompare.Domain;
using Microsoft.Extensions.Primitives;

namespace AiCompare.Web.Pages.Compare.Pair;

/// <summary>
/// The pricing read's workload (<c>?in=&amp;out=</c>, millions of tokens a month): the figures the
/// table prices, the text each input shows, and the error beside each field the reader got wrong.
/// </summary>
public sealed record WorkloadForm(decimal InMTok, decimal OutMTok, string InText, string OutText, string? InError, string? OutError)
{
    /// <summary>What a field says when its value is not a number.</summary>
    public const string FieldError = "Enter a number of millions, like 10 or 2.5.";

    /// <summary>What the form says when any field is wrong.</summary>
    public const string FormError = "Enter millions of tokens a month as a number, like 10 or 2.5; the default workload is shown.";

    public static readonly WorkloadForm Default = new(
        Workload.InputMTok, Workload.OutputMTok, Workload.FormatMTok(Workload.InputMTok), Workload.FormatMTok(Workload.OutputMTok), null, null);

    public bool HasError => InError is not null || OutError is not null;

    /// <summary>
    /// Reads the query. A blank or missing field takes its default; a figure out of range is clamped. Any
    /// field that is not a number shows the whole default workload in the table, so the table never
    /// prices half of what was asked, and each input keeps what the reader typed.
    /// </summary>
    public static WorkloadForm Read(IQueryCollection query)
    {
        var inText = FirstValue(query["in"]);
        var outText = FirstValue(query["out"]);
        if (inText is null && outText is null) return Default;
        var input = Workload.ParseMTok(inText);
        var output = Workload.ParseMTok(outText);
        var inError = inText is not null && input is null ? FieldError : null;
        var outError = outText is not null && output is null ? FieldError : null;
        if (inError is not null || outError is not null)
        {
            return Default with
            {
                InText = inText ?? Default.InText,
                OutText = outText ?? Default.OutText,
                InError = inError,
                OutError = outError,
            };
        }
        var (inMTok, outMTok) = (input ?? Workload.InputMTok, output ?? Workload.OutputMTok);
        return new WorkloadForm(inMTok, outMTok, Workload.FormatMTok(inMTok), Workload.FormatMTok(outMTok), null, null);
    }

    // As model binding reads a query value: the first one, and a blank field (the form submitted with
    // an input cleared) as no value at all, so it takes the default rather than showing an error.
    private static string? FirstValue(StringValues values) =>
        values.Count > 0 && !string.IsNullOrWhiteSpace(values[0]) ? values[0] : null;
}
