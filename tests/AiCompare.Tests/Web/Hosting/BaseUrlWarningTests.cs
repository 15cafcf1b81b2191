using System.Net;
using AiCompare.Data;
using AiCompare.Domain;
using AiCompare.Tests.Support;
using AiCompare.Web.Pages.Admin.Accounts;
using Microsoft.Extensions.DependencyInjection;

namespace AiCompare.Tests.Web.Hosting;

/// <summary>In Production without Site:BaseUrl, email links would point to localhost: say so at start and to editors.</summary>
public sealed class BaseUrlWarningTests
{
    [Fact]
    public async Task Production_NoBaseUrl_WarnsOnceAndAdminShowsBanner()
    {
        using var site = new AdminSite();
        var client = await site.SignedInAsync();
        var doc = await client.GetDocumentAsync("/admin");

        Assert.Single(site.Factory.Logs, l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains("Site:BaseUrl is not set", StringComparison.Ordinal) && l.Contains("http://localhost:5080", StringComparison.Ordinal));
        Assert.Contains("http://localhost:5080", doc.One("[data-test=base-url-banner]").Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Production_BaseUrlSet_NoWarningNoBanner()
    {
        using var site = SiteFactory.WithSettings(new Dictionary<string, string> { ["Site:BaseUrl"] = "https://aicompare.example" });
        _ = site.Server;
        var hash = site.Services.GetRequiredService<EditorPasswords>().Hash(AdminSite.Password);
        await site.Services.GetRequiredService<EditorRepository>().CreateAsync(AdminSite.AdminEmail, "admin", hash, EditorRole.Admin, actorId: null);
        var client = site.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        using var signIn = await client.SubmitAsync("/admin/login", "form[data-test=login-form]", new Dictionary<string, string?>
        {
            ["Email"] = AdminSite.AdminEmail,
            ["Password"] = AdminSite.Password,
        });
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var doc = await client.GetDocumentAsync("/admin");

        Assert.NotNull(doc.QuerySelector("nav.admin-nav"));
        Assert.Null(doc.QuerySelector("[data-test=base-url-banner]"));
        Assert.DoesNotContain(site.Logs, l => l.Contains("Site:BaseUrl is not set", StringComparison.Ordinal));
    }
}
