using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace AiCompare.Tests.Support;

/// <summary>
/// Waits until a page's address matches a glob (<c>**</c> any text, <c>*</c> any text within one path segment;
/// everything else literal; the pattern runs in the browser, so it carries no .NET-only options). Unlike
/// <see cref="IPage.WaitForURLAsync(string, PageWaitForURLOptions?)"/> it does not then wait for the document's
/// <c>load</c> event: the assertions that follow wait for what they read, so waiting for <c>load</c> adds only
/// a dependence on Playwright seeing that event.
/// </summary>
public static class PageAddress
{
    public static Task ArrivesAtAsync(this IPage page, string glob) =>
        Assertions.Expect(page).ToHaveURLAsync(Pattern(glob));

    public static Regex Pattern(string glob)
    {
        var escaped = Regex.Escape(glob).Replace(@"\*\*", "\u0001", StringComparison.Ordinal).Replace(@"\*", "[^/?#]*", StringComparison.Ordinal);
        return new Regex("^" + escaped.Replace("\u0001", ".*", StringComparison.Ordinal) + "$");
    }
}
