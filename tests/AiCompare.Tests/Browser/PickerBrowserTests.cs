using AiCompare.Tests.Support;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace AiCompare.Tests.Browser;

/// <summary>The picker's type-ahead: an ARIA 1.2 combobox fed by /api/v1/tools/suggest, used with the keyboard.</summary>
public sealed class PickerBrowserTests(BrowserSite site) : IClassFixture<BrowserSite>
{
    [BrowserFact]
    public async Task Picker_TypeAhead_ArrowsAndEnterPick_FormGoesToThePair()
    {
        Assert.NotNull(BrowserSite.ChromiumPath);
        var page = await site.NewPageAsync();
        await page.GotoAsync("/compare");
        var first = page.Locator("#pick-a");
        await Assertions.Expect(first).ToHaveAttributeAsync("role", "combobox");
        await Assertions.Expect(first).ToHaveAttributeAsync("aria-expanded", "false");

        await first.PressSequentiallyAsync("Mistral M");
        var options = page.Locator("#pick-a-listbox [role=option]");
        await Assertions.Expect(options).ToHaveCountAsync(1);
        await Assertions.Expect(first).ToHaveAttributeAsync("aria-expanded", "true");
        await Assertions.Expect(options.First).ToContainTextAsync("Mistral Medium 3");
        await first.PressAsync("ArrowDown");
        await Assertions.Expect(options.First).ToHaveAttributeAsync("aria-selected", "true");
        await Assertions.Expect(first).ToHaveAttributeAsync("aria-activedescendant", (await options.First.GetAttributeAsync("id"))!);
        await first.PressAsync("Enter");
        await Assertions.Expect(first).ToHaveValueAsync("Mistral Medium 3");
        await Assertions.Expect(first).ToHaveAttributeAsync("aria-expanded", "false");
        Assert.Equal("http://" + new Uri(site.BaseUrl).Authority + "/compare", page.Url.TrimEnd('/')); // Enter on an option picks; it does not submit

        var second = page.Locator("#pick-b");
        await second.PressSequentiallyAsync("smol");
        var more = page.Locator("#pick-b-listbox [role=option]");
        await Assertions.Expect(more).ToHaveCountAsync(2);
        await second.PressAsync("ArrowDown");
        await second.PressAsync("ArrowDown");
        await second.PressAsync("ArrowUp");
        await Assertions.Expect(more.Nth(0)).ToHaveAttributeAsync("aria-selected", "true");
        await second.PressAsync("Enter");
        await Assertions.Expect(second).ToHaveValueAsync("SmolVLM2");

        await second.PressAsync("Enter"); // the list is closed: Enter submits the form
        await page.ArrivesAtAsync("**/compare/mistral-medium-3-vs-smolvlm2");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Mistral Medium 3 vs SmolVLM2");
    }

    [BrowserFact]
    public async Task Picker_Escape_ClosesTheList_AndTheOpenListHasNoSeriousAxeViolations()
    {
        Assert.NotNull(BrowserSite.ChromiumPath);
        var page = await site.NewPageAsync();
        await page.GotoAsync("/compare");
        var first = page.Locator("#pick-a");
        await first.PressSequentiallyAsync("mistral");
        await Assertions.Expect(page.Locator("#pick-a-listbox [role=option]")).ToHaveCountAsync(3);
        await first.PressAsync("ArrowDown");

        var axe = await page.RunAxe();
        var serious = axe.Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{v.Id}: {v.Help}").ToList();
        Assert.Empty(serious);

        await first.PressAsync("Escape");
        await Assertions.Expect(page.Locator("#pick-a-listbox")).ToBeHiddenAsync();
        await Assertions.Expect(first).ToHaveAttributeAsync("aria-expanded", "false");
        await Assertions.Expect(first).ToHaveValueAsync("mistral");
    }

    [BrowserFact]
    public async Task Picker_TypingOn_KeepsTheHighlightedToolHighlighted_WhenTheNewListStillHasIt()
    {
        Assert.NotNull(BrowserSite.ChromiumPath);
        var page = await site.NewPageAsync();
        await page.GotoAsync("/compare");
        var input = page.Locator("#pick-b");
        await input.PressSequentiallyAsync("smol");
        var options = page.Locator("#pick-b-listbox [role=option]");
        await Assertions.Expect(options).ToHaveCountAsync(2);
        await input.PressAsync("ArrowDown");
        await input.PressAsync("ArrowDown");
        var highlighted = await options.Nth(1).GetAttributeAsync("data-slug");
        await Assertions.Expect(options.Nth(1)).ToHaveAttributeAsync("aria-selected", "true");
        // Marks the options on show, so that the list drawn for the longer text is told from them.
        await page.EvalOnSelectorAllAsync("#pick-b-listbox [role=option]", "items => items.forEach(li => li.setAttribute('data-drawn-before', ''))");

        await input.PressAsync("v");
        await Assertions.Expect(page.Locator("#pick-b-listbox [data-drawn-before]")).ToHaveCountAsync(0);
        await Assertions.Expect(options).ToHaveCountAsync(2);
        var kept = page.Locator($"#pick-b-listbox [role=option][data-slug='{highlighted}']");
        await Assertions.Expect(kept).ToHaveAttributeAsync("aria-selected", "true");
        await Assertions.Expect(input).ToHaveAttributeAsync("aria-activedescendant", (await kept.GetAttributeAsync("id"))!);
        await input.PressAsync("Enter");
        await Assertions.Expect(input).ToHaveAttributeAsync("data-slug", highlighted!);
    }

    [BrowserFact]
    public async Task Picker_TypedTextWithoutAPick_IsResolvedByTheServer()
    {
        Assert.NotNull(BrowserSite.ChromiumPath);
        var page = await site.NewPageAsync();
        await page.GotoAsync("/compare");

        await page.Locator("#pick-a").FillAsync("mistral code");
        await page.Locator("#pick-b").FillAsync("SmolVLM2-2B");
        await page.Locator("form[data-test=picker] button[type=submit]").ClickAsync();

        await page.ArrivesAtAsync("**/compare/mistral-code-vs-smolvlm2-2b");
    }
}
