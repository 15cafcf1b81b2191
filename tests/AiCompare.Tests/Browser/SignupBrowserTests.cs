using AiCompare.Tests.Support;
using AiCompare.Web.Pages.Newsletter;
using Microsoft.Playwright;

namespace AiCompare.Tests.Browser;

/// <summary>Signing up in a real browser, then confirming from the emailed link.</summary>
public sealed class SignupBrowserTests(BrowserSite site) : IClassFixture<BrowserSite>
{
    [BrowserFact]
    public async Task Signup_FromAnyPage_ThenConfirmFromTheEmail()
    {
        Assert.NotNull(BrowserSite.ChromiumPath);
        var page = await site.NewPageAsync();
        await page.GotoAsync("/compare/mistral-medium-3-vs-smolvlm2-2b");
        await page.GetByLabel("Email", new PageGetByLabelOptions { Exact = true }).FillAsync("browser-reader@example.com");
        await Task.Delay(NewsletterSetup.MinimumFillTime + TimeSpan.FromMilliseconds(500)); // a person takes a moment

        await page.Locator("form[data-test=signup-form] button[type=submit]").ClickAsync();

        await page.ArrivesAtAsync("**/newsletter/check-email");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Check your inbox");
        var email = Assert.Single(Eml.ReadAll(site.Factory.Outbox));
        await page.GotoAsync(email.Link("/newsletter/confirm"));
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Confirm subscription" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("You're subscribed");
    }
}
