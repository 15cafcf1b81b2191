using AiCompare.Data;
using AiCompare.Tests.Support;
using AiCompare.Web.Pages.Newsletter;
using AiCompare.Web.Pages.Newsletter.Emails;
using Dapper;
using Deque.AxeCore.Playwright;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace AiCompare.Tests.Browser;

/// <summary>
/// Both newsletter emails rendered by chromium as a mail client's web view would: at 600 and 360 px, in
/// light and dark mode, with screenshots under the test output folder (email-screenshots) and axe.
/// </summary>
public sealed class EmailBrowserTests(BrowserSite site) : IClassFixture<BrowserSite>
{
    private static readonly DateTimeOffset Slot = new(2026, 6, 1, 8, 0, 0, TimeSpan.Zero);

    public static string ScreenshotFolder => Path.Combine(AppContext.BaseDirectory, "email-screenshots");

    private async Task<string> DigestHtmlAsync()
    {
        using (var connection = SuiteDatabase.Open(site.Factory.ConnectionString))
            connection.Execute("INSERT INTO Subscriber (Email, Status, CreatedAt, UpdatedAt) VALUES ('shots@example.com', 'confirmed', '2026-01-01', '2026-01-01') ON CONFLICT DO NOTHING");
        await site.Factory.Services.GetRequiredService<Digests>().SendAsync(Slot);
        return Eml.ReadAll(site.Factory.Outbox).First(e => e.Subject.StartsWith("Weekly AI Tool Verdicts:", StringComparison.Ordinal)).Html;
    }

    private string ConfirmationHtml() =>
        SubscriberEmails.Confirm(site.Factory.Services.GetRequiredService<NewsletterLinks>(), new Subscriber(1, "reader@example.com", "pending", null, null, "2026-01-01")).Html;

    [BrowserFact]
    public async Task Digest_RendersAt600And360_LightAndDark_WithoutSeriousAxeViolations()
    {
        Assert.NotNull(BrowserSite.ChromiumPath);
        await CheckAsync("digest", await DigestHtmlAsync(), "[data-test=pair-table]");
    }

    [BrowserFact]
    public async Task Digest_InTheArchive_ShowsUnderTheSiteStyles_WithoutThePreheaderOrSeriousAxeViolations()
    {
        Assert.NotNull(BrowserSite.ChromiumPath);
        await DigestHtmlAsync();
        var page = await site.NewPageAsync();
        await page.GotoAsync("/newsletter/archive/2026-06-01");

        var digest = page.Locator("[data-test=digest]");
        await Assertions.Expect(digest.Locator("[data-test=digest-tool]")).ToHaveCountAsync(1);
        await Assertions.Expect(digest.Locator("[data-test=preheader]")).ToBeHiddenAsync(); // its inline style is refused by the CSP
        await Assertions.Expect(digest.Locator("[data-test=pair-table]")).ToBeVisibleAsync();
        var axe = await page.RunAxe();
        Assert.Empty(axe.Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{v.Id}: {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Html))}"));
        await page.SetViewportSizeAsync(360, 800);
        Assert.True(await page.EvaluateAsync<bool>("() => { const d = document.querySelector('[data-test=digest]'); return d.scrollWidth <= d.clientWidth; }"), "the digest is wider than its card at 360 px");
    }

    [BrowserFact]
    public async Task Confirmation_RendersAt600And360_LightAndDark_WithoutSeriousAxeViolations()
    {
        Assert.NotNull(BrowserSite.ChromiumPath);
        await CheckAsync("confirmation", ConfirmationHtml(), "[data-test=confirm-button]");
    }

    /// <summary>
    /// Every bit of text on the cards is dark in light mode and light in dark mode (chips and buttons
    /// carry their own background): an inline colour the dark-mode block misses shows up here.
    /// </summary>
    private const string ReadableText = """
        dark => {
          const luminance = colour => {
            const [r, g, b] = colour.match(/[\d.]+/g).map(Number).map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
            return 0.2126 * r + 0.7152 * g + 0.0722 * b;
          };
          const wrong = [];
          for (const el of document.querySelectorAll('.em-card *')) {
            if (el.closest('[data-test=chip], td[bgcolor]')) continue;
            if (![...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim())) continue;
            const l = luminance(getComputedStyle(el).color);
            if (dark ? l < 0.4 : l > 0.2) wrong.push(el.tagName + ' ' + el.textContent.trim().slice(0, 40));
          }
          return wrong;
        }
        """;

    private async Task CheckAsync(string name, string html, string mustShow)
    {
        Directory.CreateDirectory(ScreenshotFolder);
        foreach (var scheme in new[] { ColorScheme.Light, ColorScheme.Dark })
        {
            foreach (var width in new[] { 600, 360 })
            {
                var context = await site.Browser.NewContextAsync(new BrowserNewContextOptions
                {
                    ViewportSize = new ViewportSize { Width = width, Height = 900 },
                    ColorScheme = scheme,
                    JavaScriptEnabled = true, // for axe only: the emails carry no script
                });
                var page = await context.NewPageAsync();
                await page.SetContentAsync(html);
                var label = $"{name}-{width}-{scheme.ToString().ToLowerInvariant()}";

                await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, label + ".png"), FullPage = true });

                await Assertions.Expect(page.Locator(mustShow).First).ToBeVisibleAsync();
                await Assertions.Expect(page.Locator("[data-test=preheader]")).ToBeHiddenAsync();
                var sideways = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
                Assert.True(sideways <= 0, $"{label} scrolls sideways by {sideways} px");
                var background = await page.EvaluateAsync<string>("() => getComputedStyle(document.querySelector('.em-card')).backgroundColor");
                Assert.Equal(scheme == ColorScheme.Dark ? "rgb(17, 24, 39)" : "rgb(255, 255, 255)", background);
                var unreadable = await page.EvaluateAsync<string[]>(ReadableText, scheme == ColorScheme.Dark);
                Assert.True(unreadable.Length == 0, $"{label}: text in the wrong colour for the scheme: {string.Join(" | ", unreadable)}");
                var axe = await page.RunAxe();
                var serious = axe.Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{label} {v.Id}: {v.Help}").ToList();
                Assert.Empty(serious);
                await context.CloseAsync();
            }
        }
        Assert.True(File.Exists(Path.Combine(ScreenshotFolder, name + "-360-dark.png")));
    }
}
