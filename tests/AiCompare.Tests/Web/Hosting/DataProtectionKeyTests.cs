using System.Net;
using AiCompare.Data;
using AiCompare.Domain;
using AiCompare.Tests.Support;
using AiCompare.Web.Pages.Admin.Accounts;
using Dapper;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.Extensions.DependencyInjection;

namespace AiCompare.Tests.Web.Hosting;

/// <summary>Data Protection's keys live in the database: a restart or a second instance keeps editors signed in.</summary>
public sealed class DataProtectionKeyTests
{
    [Fact]
    public async Task SignInCookie_AfterRestartOnSameDatabase_StillSignsIn()
    {
        using var first = new SiteFactory();
        _ = first.Server;
        var hash = first.Services.GetRequiredService<EditorPasswords>().Hash(AdminSite.Password);
        await first.Services.GetRequiredService<EditorRepository>().CreateAsync(AdminSite.AdminEmail, "admin", hash, EditorRole.Admin, actorId: null);

        var cookies = new CookieContainer();
        using (var client = first.CreateDefaultClient(new Uri("http://localhost"), new CookieContainerHandler(cookies)))
        {
            using var signIn = await client.SubmitAsync("/admin/login", "form[data-test=login-form]", new Dictionary<string, string?>
            {
                ["Email"] = AdminSite.AdminEmail,
                ["Password"] = AdminSite.Password,
            });
            Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
            using var before = await client.GetAsync("/admin");
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }
        Assert.NotNull(cookies.GetCookies(new Uri("http://localhost/admin"))["aic_admin"]);

        using var second = first.Restarted();
        first.Dispose();
        using var restarted = second.CreateDefaultClient(new Uri("http://localhost"), new CookieContainerHandler(cookies));
        using var after = await restarted.GetAsync("/admin");

        Assert.True(after.StatusCode == HttpStatusCode.OK, $"{(int)after.StatusCode} {after.Headers.Location}\n" + string.Join("\n", second.Logs));
    }

    [Fact]
    public void FreshDatabase_OneKeyAfterStart_ReusedBySecondInstance()
    {
        using var first = new SiteFactory();
        _ = first.Server;
        Assert.Equal(1, KeyRows(first));

        using var second = first.Restarted();
        _ = second.Server;

        Assert.Equal(1, KeyRows(second));
        Assert.DoesNotContain(second.Logs, l => l.Contains("Creating key", StringComparison.Ordinal));
    }

    private static int KeyRows(SiteFactory site)
    {
        using var connection = site.Services.GetRequiredService<Db>().Open();
        return connection.ExecuteScalar<int>("SELECT COUNT(*) FROM DataProtectionKey");
    }
}
