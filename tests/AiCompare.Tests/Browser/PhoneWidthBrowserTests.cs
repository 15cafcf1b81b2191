using AiCompare.Data;
using AiCompare.Domain;
using AiCompare.Tests.Support;
using AiCompare.Web.Pages.Admin.Accounts;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace AiCompare.Tests.Browser;

/// <summary>
/// No page scrolls sideways on a small phone, a large phone, a tablet or a desktop: every public route
/// and every editors-only route, signed in. One browser page visits each route once and is resized through
/// the widths, which re-lays the page out as a rotated or resized window would.
/// </summary>
public sealed class PhoneWidthBrowserTests(BrowserSite site) : IClassFixture<BrowserSite>
{
    private static readonly int[] Widths = [320, 360, 768, 1280];

    // What sticks out past the viewport's right edge, outermost first: the elements whose parent fits, as
    // tag#id.class "text". Anything inside a box that scrolls or clips on its own does not widen the page.
    private const string Overflow = """
        () => {
            const width = window.innerWidth;
            if (document.documentElement.scrollWidth <= width) return null;
            const clipped = e => {
                for (let p = e.parentElement; p && p !== document.body; p = p.parentElement) {
                    if (getComputedStyle(p).overflowX !== 'visible') return true;
                }
                return false;
            };
            const sticksOut = e => e.getBoundingClientRect().right > width + 0.5 && !clipped(e);
            const name = e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') +
                [...e.classList].map(c => '.' + c).join('') + ' "' + (e.textContent || '').trim().replace(/\s+/g, ' ').slice(0, 40) + '"';
            const outermost = [...document.body.querySelectorAll('*')]
                .filter(e => sticksOut(e) && !(e.parentElement && e.parentElement !== document.body && sticksOut(e.parentElement)));
            return 'scrollWidth ' + document.documentElement.scrollWidth + ' > ' + width + ': ' +
                (outermost.length ? outermost.slice(0, 5).map(name).join(', ') : 'no single element (margins?)');
        }
        """;

    [BrowserFact]
    public async Task PublicRoutes_DoNotScrollSideways_At320To1280()
    {
        Assert.NotNull(BrowserSite.ChromiumPath);
        var page = await site.NewPageAsync();
        var failures = new List<string>();
        var swept = 0;
        foreach (var url in SweepRoutes.Public())
        {
            if (await SweepAsync(page, url, failures)) swept++;
        }

        Assert.True(swept >= 20, $"only {swept} HTML pages swept");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [BrowserFact]
    public async Task AdminRoutes_SignedIn_DoNotScrollSideways_At320To1280()
    {
        Assert.NotNull(BrowserSite.ChromiumPath);
        const string email = "widths@example.com";
        const string password = "correct horse battery staple";
        var services = site.Factory.Services;
        await services.GetRequiredService<EditorRepository>().CreateAsync(
            email, "widths", services.GetRequiredService<EditorPasswords>().Hash(password), EditorRole.Admin, actorId: null);
        long toolId, subscriberId;
        await using (var connection = SuiteDatabase.Open(site.Factory.ConnectionString))
        {
            toolId = await connection.ExecuteScalarAsync<long>("SELECT Id FROM Tool ORDER BY Id LIMIT 1");
            subscriberId = await connection.ExecuteScalarAsync<long>(
                "INSERT INTO Subscriber (Email, Status, CreatedAt, UpdatedAt) VALUES ('a-very-long-address.with.no.breaks@subscriber-domain.example', 'confirmed', '2026-11-01', '2026-11-01') RETURNING Id");
        }
        var page = await site.NewPageAsync();
        var failures = new List<string>();

        await SweepAsync(page, "/admin/login", failures);
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", password);
        await page.ClickAsync("form[data-test=login-form] button[type=submit]");
        await page.ArrivesAtAsync("**/admin");
        foreach (var url in SweepRoutes.Admin(toolId, subscriberId)) await SweepAsync(page, url, failures);

        await Assertions.Expect(page.Locator("nav.admin-nav")).ToContainTextAsync("Sign out widths");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [BrowserFact]
    public async Task ComparisonTables_AtPhoneWidth_ScrollInTheirOwnBox_ReachedByKeyboard_WithAVisibleFocus()
    {
        Assert.NotNull(BrowserSite.ChromiumPath);
        var page = await site.NewPageAsync();
        await page.SetViewportSizeAsync(360, 800);
        await page.GotoAsync("/compare/mistral-medium-3-vs-smolvlm2-2b");
        var boxes = page.Locator(".table-scroll");
        await Assertions.Expect(boxes).ToHaveCountAsync(2);
        await Assertions.Expect(boxes.Nth(0)).ToHaveAccessibleNameAsync("Decision");
        await Assertions.Expect(boxes.Nth(1)).ToHaveAccessibleNameAsync("Reviewer scorecard");

        var scorecard = boxes.Nth(1);
        await Assertions.Expect(scorecard).ToHaveAttributeAsync("role", "region");
        Assert.True(await scorecard.EvaluateAsync<bool>("e => e.scrollWidth > e.clientWidth"), "the scorecard does not need to scroll at 360 px");
        // From the scorecard's heading (made focusable here only as a starting point), Tab lands on the box
        // itself, and the arrow keys scroll it.
        await page.EvaluateAsync("() => { const h = document.getElementById('scorecard'); h.tabIndex = -1; h.focus(); }");
        await page.Keyboard.PressAsync("Tab");
        Assert.True(await scorecard.EvaluateAsync<bool>("e => e === document.activeElement"), "Tab from the heading did not reach the scorecard's box");
        Assert.NotEqual("none", await scorecard.EvaluateAsync<string>("e => getComputedStyle(e).outlineStyle"));
        await page.Keyboard.PressAsync("ArrowRight");
        await page.Keyboard.PressAsync("ArrowRight");
        await Assertions.Expect(scorecard).Not.ToHaveJSPropertyAsync("scrollLeft", 0);
    }

    /// <summary>Visits <paramref name="url"/> and checks it at each width; false when it is not an HTML page.</summary>
    private static async Task<bool> SweepAsync(IPage page, string url, List<string> failures)
    {
        await page.SetViewportSizeAsync(Widths[^1], 900);
        var response = await page.GotoAsync(url);
        Assert.NotNull(response);
        Assert.True(response.Status < 500, $"{url} answered {response.Status}");
        if (!(await response.HeaderValueAsync("content-type") ?? "").StartsWith("text/html", StringComparison.Ordinal)) return false;
        foreach (var width in Widths)
        {
            await page.SetViewportSizeAsync(width, 800);
            var overflow = await page.EvaluateAsync<string?>(Overflow);
            if (overflow is not null) failures.Add($"{url} at {width} px: {overflow}");
        }
        return true;
    }
}
