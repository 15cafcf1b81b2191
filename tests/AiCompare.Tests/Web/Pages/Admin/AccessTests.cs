using System.Net;
using AiCompare.Tests.Support;
using AiCompare.Web.Pages.Admin.Accounts;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace AiCompare.Tests.Web.Pages.Admin;

/// <summary>Who may reach the admin area, and how sessions end.</summary>
public sealed class AccessTests(AdminSite site) : IClassFixture<AdminSite>
{
    /// <summary>Every admin page the app maps, found from its endpoints rather than listed by hand.</summary>
    public static TheoryData<string> AdminRoutes()
    {
        using var factory = new SiteFactory();
        var routes = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Select(e => e.RoutePattern.RawText ?? "")
            .Where(r => r.StartsWith("admin", StringComparison.OrdinalIgnoreCase) || r.StartsWith("/admin", StringComparison.OrdinalIgnoreCase))
            .Select(r => "/" + r.TrimStart('/'))
            .Where(r => !r.Equals("/admin/login", StringComparison.OrdinalIgnoreCase))
            .Select(r => r.Replace("{id:long?}", "1", StringComparison.Ordinal).Replace("{id:long}", "1", StringComparison.Ordinal).Replace("{slug?}", "builder", StringComparison.Ordinal))
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.True(routes.Count >= 10, "expected the admin pages to be found: " + string.Join(", ", routes));
        var data = new TheoryData<string>();
        foreach (var r in routes) data.Add(r);
        return data;
    }

    [Theory]
    [MemberData(nameof(AdminRoutes))]
    public async Task AdminRoute_Anonymous_RedirectsToLogin(string url)
    {
        using var get = await site.Client().GetAsync(url);
        using var post = await site.Client().PostAsync(url, new FormUrlEncodedContent([new("Form.Name", "x")]));

        Assert.Equal(HttpStatusCode.Redirect, get.StatusCode);
        Assert.StartsWith("http://localhost/admin/login?returnUrl=", get.Headers.Location?.ToString(), StringComparison.Ordinal);
        Assert.True(post.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.BadRequest, $"POST {url}: {(int)post.StatusCode}");
        Assert.Equal("no-store", get.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task Login_CorrectPassword_SignsInWithAnAdminOnlyCookie()
    {
        var client = site.Client();
        using var response = await client.SubmitAsync("/admin/login", "form[data-test=login-form]", new Dictionary<string, string?>
        {
            ["Email"] = "  ADMIN@Example.com ",
            ["Password"] = AdminSite.Password,
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/admin", response.Headers.Location?.OriginalString);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("aic_admin=", StringComparison.Ordinal));
        Assert.Contains("path=/admin", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/admin/tools")).StatusCode);
    }

    [Fact]
    public async Task Login_WrongPasswordAndUnknownEmail_GiveTheSameMessage()
    {
        var wrong = await FailedLoginMessageAsync(AdminSite.EditorEmail, "not the password at all");
        var unknown = await FailedLoginMessageAsync("nobody@example.com", "not the password at all");
        var junk = await FailedLoginMessageAsync("<script>", "");

        Assert.Equal(wrong, unknown);
        Assert.Equal(wrong, junk);
        Assert.DoesNotContain("exist", wrong, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Login_ThreeFailuresFromOneAddress_PauseThatAddressEvenForTheRightPassword()
    {
        const string email = "locked@example.com";
        var id = await site.CreateEditorAsync(email, AiCompare.Domain.EditorRole.Editor);
        for (var i = 0; i < AiCompare.Data.SignInThrottle.FreeFailures; i++) await FailedLoginMessageAsync(email, "wrong password " + i);

        var client = site.Client();
        using var response = await client.SubmitAsync("/admin/login", "form[data-test=login-form]", new Dictionary<string, string?>
        {
            ["Email"] = email,
            ["Password"] = AdminSite.Password,
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(LoginMessage(), Html.Parse(await response.Content.ReadAsStringAsync()).One("[data-test=login-error]").Text());
        await using var connection = SuiteDatabase.Open(site.Factory.ConnectionString);
        var until = await Dapper.SqlMapper.ExecuteScalarAsync<string>(connection, "SELECT BlockedUntil FROM SignInThrottle WHERE EditorId = @id", new { id });
        Assert.True(DateTimeOffset.Parse(until!, System.Globalization.CultureInfo.InvariantCulture) > DateTimeOffset.UtcNow.AddSeconds(30));
    }

    [Fact]
    public async Task SignOut_EndsTheEditorsOtherSessions()
    {
        const string email = "two-sessions@example.com";
        await site.CreateEditorAsync(email, AiCompare.Domain.EditorRole.Editor);
        var first = await site.SignedInAsync(email);
        var second = await site.SignedInAsync(email);
        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync("/admin")).StatusCode);

        using var signOut = await first.SubmitAsync("/admin", "nav.admin-nav form");

        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await first.GetAsync("/admin")).StatusCode);
        using var later = await second.GetAsync("/admin");
        Assert.Equal(HttpStatusCode.Redirect, later.StatusCode);
        Assert.StartsWith("http://localhost/admin/login", later.Headers.Location?.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PasswordChange_EndsOtherSessionsButKeepsThisOne()
    {
        const string email = "changer@example.com";
        await site.CreateEditorAsync(email, AiCompare.Domain.EditorRole.Editor);
        var here = await site.SignedInAsync(email);
        var elsewhere = await site.SignedInAsync(email);

        using var change = await here.SubmitAsync("/admin/account", "form[data-test=password-form]", new Dictionary<string, string?>
        {
            ["CurrentPassword"] = AdminSite.Password,
            ["NewPassword"] = "a brand new long passphrase",
        });

        Assert.Equal(HttpStatusCode.Redirect, change.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await here.GetAsync("/admin/account")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await elsewhere.GetAsync("/admin/account")).StatusCode);
        await site.SignedInAsync(email, "a brand new long passphrase");
    }

    [Fact]
    public async Task PasswordChange_TooShortOrWrongCurrent_ShowsErrorsBesideFields()
    {
        var client = await site.SignedInAsync(AdminSite.EditorEmail);

        using var response = await client.SubmitAsync("/admin/account", "form[data-test=password-form]", new Dictionary<string, string?>
        {
            ["CurrentPassword"] = "wrong",
            ["NewPassword"] = "short",
        });
        var doc = Html.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("That is not your current password.", doc.One("#current-password-error").Text());
        Assert.Equal("Use at least 12 characters.", doc.One("#new-password-error").Text());
        Assert.Contains("new-password-error", doc.One("#new-password").GetAttribute("aria-describedby"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DisablingAnAccount_EndsItsSessionsAndBlocksSignIn()
    {
        const string email = "to-disable@example.com";
        var id = await site.CreateEditorAsync(email, AiCompare.Domain.EditorRole.Editor);
        var victim = await site.SignedInAsync(email);
        var admin = await site.SignedInAsync();

        var doc = await admin.GetDocumentAsync("/admin/editors");
        var form = $"[data-editor-id='{id}'] form[action*='Disable']";
        using var response = await admin.SubmitAsync(doc, "/admin/editors", form);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await victim.GetAsync("/admin")).StatusCode);
        Assert.Equal(LoginMessage(), await FailedLoginMessageAsync(email, AdminSite.Password));
    }

    [Fact]
    public async Task EditorsPage_PlainEditor_IsForbidden()
    {
        var client = await site.SignedInAsync(AdminSite.EditorEmail);

        using var response = await client.GetAsync("/admin/editors");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("http://localhost/admin/denied", response.Headers.Location?.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/admin/denied")).StatusCode);
    }

    [Fact]
    public async Task Post_WithoutAntiforgeryToken_IsRefused()
    {
        var client = await site.SignedInAsync();
        var doc = await client.GetDocumentAsync("/admin/tools/edit");
        var form = (AngleSharp.Html.Dom.IHtmlFormElement)doc.One("form[data-test=tool-form]");
        var fields = Forms.Fields(form).Where(f => f.Key != "__RequestVerificationToken").ToList();
        fields.RemoveAll(f => f.Key == "Form.Name");
        fields.Add(new("Form.Name", "No Token Tool"));

        using var response = await client.PostAsync("/admin/tools/edit", new FormUrlEncodedContent(fields));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain(await site.Service<AiCompare.Data.ToolAdminRepository>().AllNamesAsync(), t => t.Name == "No Token Tool");
    }

    [Fact]
    public async Task PublicPages_AfterSignIn_StillGetNoCookie()
    {
        var client = await site.SignedInAsync();

        using var response = await client.GetAsync("/compare/mistral-medium-3-vs-smolvlm2-2b");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task SecurityEvents_AreLoggedWithoutEmailsOrPasswords()
    {
        const string secret = "my secret attempt 123";
        await FailedLoginMessageAsync("stranger@example.com", secret);
        await FailedLoginMessageAsync(AdminSite.EditorEmail, secret);
        await site.SignedInAsync(AdminSite.EditorEmail);

        var security = site.Factory.Logs.Where(l => l.Contains("Security:", StringComparison.Ordinal)).ToList();

        Assert.Contains(security, l => l.Contains("sign-in failed for unknown address", StringComparison.Ordinal));
        Assert.Contains(security, l => l.Contains("signed in", StringComparison.Ordinal));
        Assert.All(site.Factory.Logs, l =>
        {
            Assert.DoesNotContain("stranger@example.com", l, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(AdminSite.EditorEmail, l, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(secret, l, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Login_OlderWeakerHash_IsRehashedAtTodaysStrength()
    {
        const string email = "legacy@example.com";
        var weak = new Microsoft.AspNetCore.Identity.PasswordHasher<object>(Microsoft.Extensions.Options.Options.Create(
            new Microsoft.AspNetCore.Identity.PasswordHasherOptions { IterationCount = 10_000 })).HashPassword(new object(), AdminSite.Password);
        var editors = site.Service<AiCompare.Data.EditorRepository>();
        var id = (await editors.CreateAsync(email, "legacy", weak, AiCompare.Domain.EditorRole.Editor, null))!.Value;

        await site.SignedInAsync(email);

        var stored = (await editors.FindByIdAsync(id))!.PasswordHash;
        Assert.NotEqual(weak, stored);
        var bytes = Convert.FromBase64String(stored);
        var iterations = (bytes[5] << 24) | (bytes[6] << 16) | (bytes[7] << 8) | bytes[8];
        Assert.Equal(EditorPasswords.Iterations, iterations);
    }

    private async Task<string> FailedLoginMessageAsync(string email, string password)
    {
        using var response = await site.Client().SubmitAsync("/admin/login", "form[data-test=login-form]", new Dictionary<string, string?>
        {
            ["Email"] = email,
            ["Password"] = password,
        });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        return Html.Parse(await response.Content.ReadAsStringAsync()).One("[data-test=login-error]").Text();
    }

    private static string LoginMessage() => Html.Normalise(AiCompare.Web.Pages.Admin.LoginModel.Failure);
}

/// <summary>The per-address sign-in rate limit, on a site of its own with a low limit.</summary>
public sealed class LoginRateLimitTests
{
    [Fact]
    public async Task Login_TooManyAttemptsFromOneAddress_Answers429WithRetryAfter()
    {
        using var factory = SiteFactory.WithSettings(new Dictionary<string, string> { ["Admin:LoginAttemptsPerMinute"] = "3" });
        var client = factory.Client();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var response = await client.SubmitAsync("/admin/login", "form[data-test=login-form]", new Dictionary<string, string?>
            {
                ["Email"] = "someone@example.com",
                ["Password"] = "wrong password " + i,
            });
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.True(int.Parse(response.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) > 0);
            }
        }

        Assert.Equal([HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/admin/login")).StatusCode); // reading the form is not limited
    }
}
