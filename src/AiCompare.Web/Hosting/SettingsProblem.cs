using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace AiCompare.Web.Hosting;

/// <summary>
/// A setting the site cannot use, said in one line for whoever starts it: the exceptions .NET's configuration
/// binder (a value that is not of the setting's type) and options validation (a value out of range) throw while
/// the site starts, turned into "the setting Section:Name …". The binder's messages repeat the value, and it only
/// fails on settings that are not text (a boolean, a number, a choice: never a secret); a validator's own message
/// shows what it chooses to (the base URL's hides a user name, the address-hash key's gives only its length).
/// </summary>
public static partial class SettingsProblem
{
    /// <summary>The line to print instead of the exception, or null when the exception is not about a setting.</summary>
    public static string? Describe(Exception exception)
    {
        var lines = Problems(exception).ToList();
        return lines.Count == 0 ? null : "AiCompare cannot start: " + string.Join(" ", lines);
    }

    private static IEnumerable<string> Problems(Exception exception)
    {
        switch (exception)
        {
            case AggregateException aggregate:
                // Several options classes failed: every one named, or none (then it is not a settings problem).
                var all = aggregate.InnerExceptions.Select(e => Problems(e).ToList()).ToList();
                return all.All(p => p.Count > 0) ? all.SelectMany(p => p) : [];
            case OptionsValidationException invalid:
                return invalid.Failures.Select(f => Failure(invalid.OptionsType, f));
            case InvalidOperationException { InnerException: FormatException or ArgumentException or OverflowException }
                when Conversion().Match(exception.Message) is { Success: true } match:
                return [$"the setting {match.Groups["key"].Value} is '{match.Groups["value"].Value}', which is not {Expected(match.Groups["type"].Value)}."];
            default:
                return [];
        }
    }

    /// <summary>A data-annotation failure named by its section (each options class's <c>Section</c>) and member; any other failure as it reads.</summary>
    private static string Failure(Type options, string failure)
    {
        var section = options.GetField("Section", BindingFlags.Public | BindingFlags.Static)?.GetRawConstantValue() as string;
        if (section is null || Annotation().Match(failure) is not { Success: true } match) return failure.TrimEnd('.') + ".";
        var members = match.Groups["members"].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var names = members.Select(m => section + ":" + m).ToList();
        var error = match.Groups["error"].Value.TrimEnd('.') + ".";
        // Most attributes' messages name their setting already ("Votes:PerAddressCap must be at least 1.").
        return names.Any(n => error.Contains(n, StringComparison.Ordinal)) ? error : $"the setting {string.Join(", ", names)} is not valid: {error}";
    }

    private static string Expected(string typeName) => typeName switch
    {
        "System.Boolean" => "true or false",
        "System.Int32" or "System.Int64" => "a whole number",
        "System.Double" or "System.Decimal" => "a number",
        "System.TimeSpan" => "a time span such as 00:00:30",
        _ when typeof(SettingsProblem).Assembly.GetType(typeName) is { IsEnum: true } e => "one of " + string.Join(", ", Enum.GetNames(e)),
        _ => "a value of type " + typeName,
    };

    // Microsoft.Extensions.Configuration.Binder's message for a value it cannot convert.
    [GeneratedRegex(@"^Failed to convert configuration value '(?<value>.*)' at '(?<key>[^']*)' to type '(?<type>[^']*)'\.", RegexOptions.Singleline)]
    private static partial Regex Conversion();

    // Microsoft.Extensions.Options.DataAnnotations's message for a failed attribute.
    [GeneratedRegex(@"^DataAnnotation validation failed for '[^']*' members: '(?<members>[^']*)' with the error: '(?<error>.*)'\.?$", RegexOptions.Singleline)]
    private static partial Regex Annotation();
}
