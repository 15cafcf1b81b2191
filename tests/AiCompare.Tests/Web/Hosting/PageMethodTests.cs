using System.Net;
using AiCompare.Tests.Support;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace AiCompare.Tests.Web.Hosting;

/// <summary>
/// Issue 18, finding 10: every Razor page answers a method it has no handler for with 405 (OPTIONS
/// included, which the error page used to turn into an empty 200), and HEAD like GET. The pages are
/// read from the app's own endpoints, so a new page is covered without editing this test.
/// </summary>
public sealed class PageMethodTests(SiteFactory site) : IClassFixture<SiteFactory>
{
    private static readonly string[] Methods = ["POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "PROPFIND"];

    [Fact]
    public async Task EveryPage_UnhandledMethod_Answers405()
    {
        var pages = Pages();
        Assert.Contains(pages, p => p.Url == "/newsletter/confirm");
        Assert.Contains(pages, p => p.Url == "/newsletter/unsubscribe");
        var client = site.Client();
        var wrong = new List<string>();
        foreach (var (url, handled) in pages)
        {
            foreach (var method in Methods.Where(m => !handled.Contains(m)))
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), url + "?token=x")
                {
                    Content = new FormUrlEncodedContent([new("a", "b")]),
                };
                using var response = await client.SendAsync(request);
                if (response.StatusCode != HttpStatusCode.MethodNotAllowed) wrong.Add($"{method} {url}: {(int)response.StatusCode}");
            }
        }

        Assert.True(wrong.Count == 0, string.Join('\n', wrong));
        Assert.DoesNotContain(site.Logs, l => l.StartsWith("Error", StringComparison.Ordinal));
    }

    [Fact]
    public async Task EveryPage_Head_AnswersAsGetDoes()
    {
        var client = site.Client();
        var wrong = new List<string>();
        foreach (var (url, _) in Pages())
        {
            using var get = await client.GetAsync(url);
            using var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, url));
            if (head.StatusCode != get.StatusCode) wrong.Add($"HEAD {url}: {(int)head.StatusCode}, GET {(int)get.StatusCode}");
        }

        Assert.True(wrong.Count == 0, string.Join('\n', wrong));
        using var home = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/"));
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
    }

    /// <summary>Each page's URL (route values filled in) and the methods its handlers take.</summary>
    private List<(string Url, HashSet<string> Handled)> Pages()
    {
        var pages = new List<(string, HashSet<string>)>();
        foreach (var endpoint in site.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            if (endpoint.Metadata.GetMetadata<CompiledPageActionDescriptor>() is not { } page) continue;
            if (page.ViewEnginePath == "/Error") continue;
            var handled = page.HandlerMethods.Select(h => h.HttpMethod.ToUpperInvariant()).ToHashSet(StringComparer.Ordinal);
            // Admin pages take POST from anyone: an anonymous one meets the sign-in redirect.
            if (page.ViewEnginePath.StartsWith("/Admin/", StringComparison.Ordinal)) handled.Add("POST");
            pages.Add((Url(endpoint.RoutePattern), handled));
        }
        Assert.True(pages.Count >= 20, $"only {pages.Count} pages found");
        return pages.DistinctBy(p => p.Item1).ToList();
    }

    private static string Url(RoutePattern pattern)
    {
        var segments = new List<string>();
        foreach (var segment in pattern.PathSegments)
        {
            if (segment.Parts is [RoutePatternParameterPart { IsOptional: true }]) continue;
            segments.Add(string.Concat(segment.Parts.Select(part => part switch
            {
                RoutePatternLiteralPart literal => literal.Content,
                RoutePatternParameterPart parameter => parameter.ParameterPolicies.Count > 0 ? "1" : "smolvlm2",
                RoutePatternSeparatorPart separator => separator.Content,
                _ => "",
            })));
        }
        return "/" + string.Join('/', segments);
    }
}
