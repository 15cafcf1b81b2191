using System.Text.Encodings.Web;
using AiCompare.Tests.Support;
using AiCompare.Web.Pages.Shared;

namespace AiCompare.Tests.Web.Pages.Shared;

public sealed class ShareBlockTests
{
    [Theory]
    [InlineData("Plain & simple: A vs B", "http://localhost/compare/a-vs-b")]
    [InlineData("<script>alert('x')</script> \"quoted\" & 100% ü 😀", "https://example.test/compare/x-vs-y?in=1&out=2#frag")]
    public void ShareBlock_AnyText_EveryLinkCarriesTheExactTextAndUrl(string text, string url)
    {
        using var writer = new StringWriter();
        Fragments.ShareBlock(new Share(text, url)).WriteTo(writer, HtmlEncoder.Default);
        var doc = Html.Parse(writer.ToString());

        Assert.Equal(text, doc.One("[data-test=share-text]").TextContent);
        Assert.Equal($"{text} {url}", doc.One("[data-test=copy]").GetAttribute("data-copy"));
        var links = doc.QuerySelectorAll("[data-test=share] a").ToDictionary(a => a.TextContent, a => a.GetAttribute("href")!);
        Assert.Equal(["X", "LinkedIn", "Bluesky", "Hacker News", "Email"], links.Keys);
        Assert.Equal(new Dictionary<string, string> { ["text"] = text, ["url"] = url }, Query(links["X"], "https://x.com/intent/post?"));
        Assert.Equal(new Dictionary<string, string> { ["url"] = url }, Query(links["LinkedIn"], "https://www.linkedin.com/sharing/share-offsite/?"));
        Assert.Equal(new Dictionary<string, string> { ["text"] = $"{text} {url}" }, Query(links["Bluesky"], "https://bsky.app/intent/compose?"));
        Assert.Equal(new Dictionary<string, string> { ["u"] = url, ["t"] = text }, Query(links["Hacker News"], "https://news.ycombinator.com/submitlink?"));
        Assert.Equal(new Dictionary<string, string> { ["subject"] = text, ["body"] = $"{text}\n\n{url}" }, Query(links["Email"], "mailto:?"));
        Assert.DoesNotContain("<script", writer.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    // The href, as a browser reads it from the attribute, split into its decoded query parameters.
    private static Dictionary<string, string> Query(string href, string prefix)
    {
        Assert.StartsWith(prefix, href, StringComparison.Ordinal);
        return href[prefix.Length..].Split('&')
            .Select(p => p.Split('=', 2))
            .ToDictionary(p => p[0], p => Uri.UnescapeDataString(p[1]));
    }
}
