using System.Net;
using AiCompare.Tests.Support;

namespace AiCompare.Tests.Web.Hosting;

/// <summary>
/// The published site as a real process, killed (SIGKILL, as a crash or an OOM kill would) and started again
/// on the same database: an editor who signed in before stays signed in, with the same cookie.
/// </summary>
public sealed class RestartTests(PublishedSite published) : IClassFixture<PublishedSite>, IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task SignedInEditor_AfterTheProcessIsKilledAndStartedAgain_IsStillSignedIn()
    {
        var database = _temp.Combine("aicompare.db");
        await FaultClient.PrepareDatabaseAsync(database);
        // One cookie jar for both processes, as a browser keeps its cookies (they are per host, not per port).
        var cookies = new CookieContainer();

        using (var first = await StartAsync(database))
        using (var client = Client(first, cookies))
        {
            using var signIn = await client.SubmitAsync("/admin/login", "form[data-test=login-form]", new Dictionary<string, string?>
            {
                ["Email"] = AdminSite.AdminEmail,
                ["Password"] = AdminSite.Password,
            });
            Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
            using var admin = await client.GetAsync(new Uri("/admin", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
        } // killed by its process id
        Assert.NotNull(cookies.GetCookies(new Uri("http://127.0.0.1/admin"))["aic_admin"]);

        using var second = await StartAsync(database);
        using var again = Client(second, cookies);
        using var after = await again.GetAsync(new Uri("/admin", UriKind.Relative));
        Assert.True(after.StatusCode == HttpStatusCode.OK, $"{(int)after.StatusCode} {after.Headers.Location}\n{second.Output}");
        // Any admin page, not just the one visited before.
        using var account = await again.GetAsync(new Uri("/admin/account", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, account.StatusCode);
    }

    private Task<SiteProcess> StartAsync(string database) =>
        SiteProcess.StartAsync(published.Dll, _temp.Path, $"Data Source={database}");

    private static HttpClient Client(SiteProcess site, CookieContainer cookies) =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = cookies })
        {
            BaseAddress = site.Address,
            Timeout = TimeSpan.FromSeconds(30),
        };
}
