using System.Net;
using AiCompare.Tests.Support;

namespace AiCompare.Tests.Web.Pages.Admin;

/// <summary>Every admin form that can fail a save lists its errors at the top, each linked to its field, and takes the focus there.</summary>
public sealed class ErrorSummaryTests(AdminSite site) : IClassFixture<AdminSite>
{
    public static TheoryData<string, string, Dictionary<string, string?>, string[]> FailedSaves() => new()
    {
        { "/admin/critics/edit", "form[data-test=critic-form]", new() { ["Form.Slug"] = "Not A Slug", ["Form.Order"] = "first" }, ["#slug", "#name", "#label", "#order"] },
        { "/admin/editors", "form[data-test=editor-form]", new() { ["Email"] = "nobody", ["Password"] = "short" }, ["#new-email", "#new-name", "#new-password"] },
        { "/admin/account", "form[data-test=password-form]", new() { ["CurrentPassword"] = "wrong", ["NewPassword"] = "short" }, ["#current-password", "#new-password"] },
        { "/admin/tools/edit", "form[data-test=tool-form]", new() { ["Form.Name"] = "Summary Tool", ["Form.Website"] = "ftp://example.com" }, ["#tagline", "#website", "#category", "#entry", "#pricing-summary"] },
    };

    [Theory]
    [MemberData(nameof(FailedSaves))]
    public async Task FailedSave_ListsEachErrorAtTheTop_LinkedToItsField_AndTakesTheFocus(string url, string form, Dictionary<string, string?> values, string[] links)
    {
        var client = await site.SignedInAsync(AdminSite.AdminEmail);
        using var response = await client.SubmitAsync(url, form, values);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var doc = Html.Parse(await response.Content.ReadAsStringAsync());

        var summary = doc.One("[data-test=error-summary]");
        Assert.True(summary.HasAttribute("autofocus"));
        var hrefs = summary.QuerySelectorAll("a").Select(a => a.GetAttribute("href")!).ToList();
        Assert.Equal(links.Order(StringComparer.Ordinal), hrefs.Order(StringComparer.Ordinal));
        foreach (var href in hrefs)
        {
            Assert.NotNull(doc.QuerySelector(href));
            Assert.Equal(doc.One(href + "-error").Text(), summary.QuerySelector($"a[href='{href}']")!.Text());
        }
    }
}
