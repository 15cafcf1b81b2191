using System.Text.RegularExpressions;

namespace AiCompare.Tests.Support;

/// <summary>
/// Every page's newsletter form carries the second it was rendered in (the bot trap's <c>t</c> field),
/// so two renders of the same page a second apart differ there and nowhere else. Tests that compare
/// two renders compare them without it.
/// </summary>
public static partial class RenderTime
{
    [GeneratedRegex(@"name=""t"" value=""(\d+)""")]
    private static partial Regex Field();

    public static string Of(string html) => Field().Match(html).Groups[1].Value;

    public static string Without(string html) => Field().Replace(html, "name=\"t\" value=\"\"");
}
