using AiCompare.Web.Caching;
using AiCompare.Web.Hosting;

namespace AiCompare.Web.Pages.Discovery;

/// <summary><c>/llms.txt</c>: what the site is and where things are, for language models.</summary>
public static class LlmsTxt
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/llms.txt", (AbsoluteUrls links) => DiscoveryResults.Cached(Results.Text($"""
            # AiCompare

            > Side-by-side verdicts on AI tools for developers deciding what to ship with. A panel of four critics
            > (the Builder, the Skeptic, the Futurist and the Founder) scores each tool out of 100 and calls it ship or skip.

            ## How to read a verdict
            - Panel verdict: Ship when more critics ship than skip, Skip when more skip, Mixed on a tie.
            - Panel ship %: ships / reviews x 100, rounded half up. Panel average: mean score, rounded.
            - Community: readers' ship/skip votes, by the same rule.

            ## Where things are
            - [Latest verdicts]({links.Absolute("/")}): every tool the panel reviewed, newest first; each tool's page is {links.Absolute("/tools/{slug}")}
            - [Compare two tools]({links.Absolute("/compare")}): comparison pages are {links.Absolute("/compare/{a}-vs-{b}")} (slugs in alphabetical order)
            - [Critics]({links.Absolute("/critics")}): the four critics and every review they wrote
            - [Categories]({links.Absolute("/categories")}): tools ranked by the panel within each category
            - [JSON API: tools]({links.Absolute("/api/v1/tools")}): read-only, CORS; also {links.Absolute("/api/v1/tools/{slug}")}, {links.Absolute("/api/v1/compare/{a}-vs-{b}")}
            - [JSON API: critics]({links.Absolute("/api/v1/critics")})
            - [Feed of new verdicts]({links.Absolute("/feed.xml")}): Atom
            - [Sitemap]({links.Absolute("/sitemap.xml")})

            ## How to cite a verdict
            Name the tool, the panel verdict with its split and the date, and link the tool page, e.g.:
            "SmolVLM2-2B: Ship, 4 ship / 0 skip from the AiCompare panel (reviewed 2026-03-18), [SmolVLM2-2B]({links.Absolute("/tools/smolvlm2-2b")})"
            """, "text/plain; charset=utf-8"))).CachePublic();
    }
}
