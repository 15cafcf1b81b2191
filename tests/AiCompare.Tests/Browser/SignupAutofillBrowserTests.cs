using AiCompare.Tests.Support;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace AiCompare.Tests.Browser;

/// <summary>A signup sent at once, as autofill sends it: asked for one more click, never dropped.</summary>
public sealed class SignupAutofillBrowserTests(BrowserSite site) : IClassFixture<BrowserSite>
{
    [BrowserFact]
    public async Task Signup_SentTheMomentThePageLoads_AsksOneMoreClick_ThenTheEmailIsSent()
    {
        Assert.NotNull(BrowserSite.ChromiumPath);
        var page = await site.NewPageAsync();
        await page.GotoAsync("/tools/smolvlm2");
        await page.GetByLabel("Email", new PageGetByLabelOptions { Exact = true }).FillAsync("autofilled@example.com");
        // The render time moved a minute ahead: on a busy test machine the real one can be seconds old by now.
        await page.Locator("form[data-test=signup-form] input[name=t]").EvaluateAsync("e => e.value = String(Math.floor(Date.now() / 1000) + 60)");
        await page.Locator("form[data-test=signup-form] button[type=submit]").ClickAsync(); // no pause: autofill and submit

        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("One more click");
        await Assertions.Expect(page.Locator("[data-test=signup-check-email]")).ToHaveTextAsync("autofilled@example.com");
        await Assertions.Expect(page.Locator("[data-test=signup]")).ToHaveCountAsync(0);
        Assert.Empty(Eml.ReadAll(site.Factory.Outbox));
        var axe = await page.RunAxe();
        Assert.Empty(axe.Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{v.Id}: {v.Help}"));

        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Send the confirmation email" }).ClickAsync();

        await page.ArrivesAtAsync("**/newsletter/check-email");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Check your inbox");
        var email = Assert.Single(Eml.ReadAll(site.Factory.Outbox));
        Assert.Contains("autofilled@example.com", email.To, StringComparison.Ordinal);
        await page.GotoAsync(email.Link("/newsletter/confirm"));
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Confirm subscription" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("You're subscribed");
    }
}
