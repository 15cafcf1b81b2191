using System.Net;
using System.Text.Json;
using AiCompare.Tests.Support;
using AiCompare.Web.Pages.Compare;

namespace AiCompare.Tests.Web.Pages.Compare;

/// <summary>The picker without JavaScript: names or slugs go to the pair; anything else lists the closest tools, never the catalog.</summary>
public sealed class PickerTests(SiteFactory site) : IClassFixture<SiteFactory>
{
    [Theory]
    [InlineData("Mistral Medium 3", "SmolVLM2-2B", "/compare/mistral-medium-3-vs-smolvlm2-2b")]
    [InlineData("  mistral medium 3 ", "smolvlm2-2b", "/compare/mistral-medium-3-vs-smolvlm2-2b")]
    [InlineData("MISTRAL-MEDIUM-3", "SmolVLM2-2B", "/compare/mistral-medium-3-vs-smolvlm2-2b")]
    [InlineData("SmolVLM2-2B", "Mistral Medium 3", "/compare/smolvlm2-2b-vs-mistral-medium-3")]
    [InlineData("smolvlm2", "Mercury Edit 2", "/compare/smolvlm2-vs-mercury-edit-2")]
    public async Task Picker_NameOrSlugOnEachSide_RedirectsToThePairInTheOrderPicked(string a, string b, string expected)
    {
        using var response = await site.Client().GetAsync($"/compare?a={Uri.EscapeDataString(a)}&b={Uri.EscapeDataString(b)}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(expected, response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Picker_PartialName_ListsCandidates_AndChoosingOneLeadsToThePair()
    {
        var client = site.Client();
        var doc = await client.GetDocumentAsync("/compare?a=mistral&b=SmolVLM2-2B", expectedStatus: 400);

        Assert.Equal("No tool called 'mistral' in the catalog.", doc.One("[data-test=error-a]").Text());
        var choices = doc.QuerySelectorAll("[data-test=candidates-a] a").ToList();
        Assert.Equal(["Mistral 4B Edge", "Mistral Code", "Mistral Medium 3"], choices.Select(a => a.Text()).Order(StringComparer.Ordinal));
        Assert.True(choices.Count <= IndexModel.CandidateLimit);
        Assert.Empty(doc.QuerySelectorAll("[data-test=candidates-b]"));
        Assert.Equal("mistral", doc.One("#pick-a").GetAttribute("value")); // what was typed stays in the field

        using var chosen = await client.GetAsync(choices.Single(a => a.Text() == "Mistral Code").GetAttribute("href"));
        Assert.Equal(HttpStatusCode.Redirect, chosen.StatusCode);
        Assert.Equal("/compare/mistral-code-vs-smolvlm2-2b", chosen.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Picker_MisspeltNameOnBothSides_ListsTheClosestForEach()
    {
        var doc = await site.Client().GetDocumentAsync("/compare?a=mistral-medum-3&b=smolvln2", expectedStatus: 400);

        Assert.Contains(doc.QuerySelectorAll("[data-test=candidates-a] a"), a => a.Text() == "Mistral Medium 3");
        Assert.Contains(doc.QuerySelectorAll("[data-test=candidates-b] a"), a => a.Text() == "SmolVLM2");
        // A choice for one side keeps what was typed on the other, to be resolved on the next page.
        Assert.All(doc.QuerySelectorAll("[data-test=candidates-a] a"), a => Assert.EndsWith("&b=smolvln2", a.GetAttribute("href"), StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("", "a", "Pick the first tool.")]
    [InlineData("%20%20%20", "a", "Pick the first tool.")]
    [InlineData("xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "a", "Type at most 100 characters: a tool's name or slug.")]
    [InlineData("%22%20OR%201%3D1%20--", "a", "No tool called '\" OR 1=1 --' in the catalog.")]
    [InlineData("NEAR(%22x%22*%20AND%20%5E", "a", "No tool called 'NEAR(\"x\"* AND ^' in the catalog.")]
    [InlineData("%3Cscript%3Ealert(1)%3C%2Fscript%3E", "a", "No tool called '<script>alert(1)</script>' in the catalog.")]
    [InlineData("%00%01", "a", null)]
    [InlineData("%FF%FE", "a", null)]
    public async Task Picker_EmptyTooLongOrHostile_IsAFormErrorNever500(string typed, string field, string? message)
    {
        var doc = await site.Client().GetDocumentAsync($"/compare?a={typed}&b=smolvlm2", expectedStatus: 400);

        var error = doc.One($"[data-test=error-{field}]");
        if (message is not null) Assert.Equal(message, error.Text());
        Assert.Equal("true", doc.One($"#pick-{field}").GetAttribute("aria-invalid"));
        doc.AssertNoInjectedScript();
    }

    [Fact]
    public async Task Suggest_MatchesNamesAndSlugs_AtMostTen_PublicAndCookieless()
    {
        using var response = await site.Client().GetAsync("/api/v1/tools/suggest?q=smol");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("public", response.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        Assert.False(response.Headers.Contains("Set-Cookie"));
        var tools = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("tools");
        Assert.Equal(["smolvlm2", "smolvlm2-2b"], tools.EnumerateArray().Select(t => t.GetProperty("slug").GetString()).Order(StringComparer.Ordinal));
        Assert.All(tools.EnumerateArray(), t => Assert.False(string.IsNullOrEmpty(t.GetProperty("name").GetString())));
    }

    [Theory]
    [InlineData("", 0)]
    [InlineData("nothing-like-it", 0)]
    [InlineData("%22*NEAR(%5E", 0)]
    [InlineData("code", 1)] // a word inside a name: "Mistral Code"
    public async Task Suggest_AnyShortQuery_IsAnAnswerNeverAnError(string q, int count)
    {
        using var response = await site.Client().GetAsync("/api/v1/tools/suggest?q=" + q);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(count, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("tools").GetArrayLength());
    }

    [Fact]
    public async Task Suggest_TooLong_IsProblemDetails400()
    {
        using var response = await site.Client().GetAsync("/api/v1/tools/suggest?q=" + new string('x', 101));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
