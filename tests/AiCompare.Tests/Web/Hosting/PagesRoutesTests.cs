using AiCompare.Tests.Support;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace AiCompare.Tests.Web.Hosting;

/// <summary>
/// bench/pages.sh measures the routes in bench/pages.routes: that file must name every GET route the app maps
/// (measured, or set aside with a reason), and nothing it no longer maps.
/// </summary>
public sealed class PagesRoutesTests(SiteFactory site) : IClassFixture<SiteFactory>
{
    [Fact]
    public void PagesRoutes_NameEveryMappedGetRoute_AndNoOther()
    {
        var mapped = site.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<HttpMethodMetadata>() is not { } methods || methods.HttpMethods.Contains("GET"))
            .Select(e => "/" + (e.RoutePattern.RawText ?? "").TrimStart('/'))
            .ToHashSet(StringComparer.Ordinal);
        var listed = Lines().Select(l => l.Pattern).ToHashSet(StringComparer.Ordinal);

        Assert.Empty(mapped.Except(listed).Order(StringComparer.Ordinal)); // a new route: add a line to bench/pages.routes
        Assert.Empty(listed.Except(mapped).Order(StringComparer.Ordinal)); // a route that is gone: remove its lines
    }

    [Fact]
    public void PagesRoutes_EveryLineIsARequestOrAReason()
    {
        foreach (var (pattern, target) in Lines())
        {
            Assert.True(target.StartsWith('/') || target.StartsWith("next:/", StringComparison.Ordinal) || target.StartsWith("each:/", StringComparison.Ordinal)
                || (target.StartsWith("- ", StringComparison.Ordinal) && target.Length > 3), $"{pattern}: '{target}' is neither a request nor '- reason'");
            Assert.DoesNotContain(' ', target.StartsWith('-') ? "" : target);
        }
        Assert.Contains(Lines(), l => l.Target == "/"); // and the script reads what the test reads
        Assert.Contains("pages.routes", File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "bench", "pages.sh")), StringComparison.Ordinal);
    }

    private static List<(string Pattern, string Target)> Lines() => [.. SweepRoutes.Lines()];
}
