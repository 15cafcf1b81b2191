using System.Globalization;
using System.Net;
using AiCompare.Data;
using AiCompare.Domain;
using AiCompare.Tests.Support;
using AiCompare.Web.Hosting;
using AiCompare.Web.Pages.Admin.Accounts;
using AngleSharp.Html.Dom;

namespace AiCompare.Tests.Web.Hosting;

/// <summary>
/// The published site as a real process behind a real nginx running <c>deploy/nginx/aicompare.conf</c>,
/// which terminates TLS with a throwaway self-signed certificate. The site trusts nginx (127.0.0.1) and
/// nobody else. Clients connect from their own loopback addresses (127.0.0.2 and up), each test its own,
/// so that the tests share the site but not a cap or a rate limit.
/// </summary>
public sealed class ReverseProxyTests(ReverseProxyTests.ProxiedSite site) : IClassFixture<ReverseProxyTests.ProxiedSite>
{
    private const string Tool = "smolvlm2";

    [NginxFact]
    public async Task ThroughHttps_VoteSignupAndAdminSignInWork_WithSecureCookiesAndHsts()
    {
        var cookies = new CookieContainer();
        using var client = site.Nginx.Client(Address(6), cookies);

        using var vote = await client.SendAsync(VoteRequest(site.Nginx.Address));
        Assert.True(vote.StatusCode == HttpStatusCode.SeeOther, $"vote: {(int)vote.StatusCode} {await vote.Content.ReadAsStringAsync()}\n{site.Output}");
        Assert.True(cookies.GetCookies(new Uri(site.Nginx.Address, "/votes/"))[VoteCookie()] is { Secure: true }, "the voter cookie is Secure");

        using var signup = await client.SendAsync(SignupRequest(site.Nginx.Address, "proxied@example.com"));
        Assert.Equal(HttpStatusCode.SeeOther, signup.StatusCode);
        Assert.Equal("/newsletter/check-email", signup.Headers.Location?.OriginalString);
        var email = await site.WaitForEmailToAsync("proxied@example.com");
        Assert.Contains(site.Nginx.Address + "newsletter/confirm", email.Text, StringComparison.Ordinal);

        using var loginPage = await client.GetAsync(new Uri("/admin/login", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, loginPage.StatusCode);
        Assert.Contains(loginPage.Headers.GetValues("Set-Cookie"), c => c.StartsWith("aic_af=", StringComparison.Ordinal) && c.Contains("secure", StringComparison.OrdinalIgnoreCase));
        var form = (IHtmlFormElement)Html.Parse(await loginPage.Content.ReadAsStringAsync()).One("form[data-test=login-form]");
        var fields = Forms.Fields(form);
        fields.RemoveAll(f => f.Key is "Email" or "Password");
        fields.Add(new("Email", ProxiedSite.AdminEmail));
        fields.Add(new("Password", AdminSite.Password));
        var login = new HttpRequestMessage(HttpMethod.Post, "/admin/login") { Content = new FormUrlEncodedContent(fields) };
        AddBrowserHeaders(login, site.Nginx.Address);
        using var signIn = await client.SendAsync(login);
        Assert.True(signIn.StatusCode == HttpStatusCode.Redirect, $"sign-in: {(int)signIn.StatusCode}\n{site.Output}");
        Assert.Contains(signIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith("aic_admin=", StringComparison.Ordinal) && c.Contains("secure", StringComparison.OrdinalIgnoreCase));
        Assert.True(cookies.GetCookies(new Uri(site.Nginx.Address, "/admin"))["aic_admin"] is { Secure: true, HttpOnly: true });

        using var admin = await client.GetAsync(new Uri("/admin", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
        Assert.Equal(SecurityHeaders.Hsts, string.Join(",", admin.Headers.GetValues("Strict-Transport-Security")));
    }

    [NginxFact]
    public async Task ThroughHttps_PublicPages_CarryHsts_CacheHitsToo()
    {
        using var client = site.Nginx.Client(Address(7));

        using var first = await client.GetAsync(new Uri("/", UriKind.Relative));
        using var second = await client.GetAsync(new Uri("/", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.NotNull(second.Headers.Age); // answered from the page cache
        Assert.Equal(SecurityHeaders.Hsts, string.Join(",", first.Headers.GetValues("Strict-Transport-Security")));
        Assert.Equal(SecurityHeaders.Hsts, string.Join(",", second.Headers.GetValues("Strict-Transport-Security")));
        Assert.Contains($"<link rel=\"canonical\" href=\"{site.Nginx.Address}\"", await second.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [NginxFact]
    public async Task PlainHttp_IsRedirectedToHttps()
    {
        using var client = new HttpClient(NginxProxy.LocalHandler(Address(8))) { Timeout = TimeSpan.FromSeconds(30) };

        using var response = await client.GetAsync(new Uri($"http://localhost:{site.Nginx.HttpPort}/tools/{Tool}?x=1"));

        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal($"https://localhost/tools/{Tool}?x=1", response.Headers.Location?.OriginalString);
    }

    [NginxFact]
    public async Task TwoClientsBehindTheProxy_HaveSeparateVoteCaps()
    {
        using var first = site.Nginx.Client(Address(2));
        using var second = site.Nginx.Client(Address(3));

        var firstStatuses = await VoteUntilRefusedAsync(first, site.Nginx.Address);
        using var secondVote = await second.SendAsync(VoteRequest(site.Nginx.Address));

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.SeeOther, site.Cap), HttpStatusCode.TooManyRequests], firstStatuses);
        Assert.True(secondVote.StatusCode == HttpStatusCode.SeeOther, $"the other client's vote: {(int)secondVote.StatusCode}");
    }

    [NginxFact]
    public async Task ForgedForwardedFor_StraightToTheSite_IsIgnored()
    {
        using var client = new HttpClient(NginxProxy.LocalHandler(Address(4))) { BaseAddress = site.App.Address, Timeout = TimeSpan.FromSeconds(30) };
        var forged = 0;

        var statuses = await VoteUntilRefusedAsync(client, origin: null, request =>
        {
            // A new address and scheme each time: were they believed, no cap would ever be reached.
            request.Headers.Add("X-Forwarded-For", $"198.51.100.{++forged}");
            request.Headers.Add("X-Forwarded-Proto", "https");
        });

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.SeeOther, site.Cap), HttpStatusCode.TooManyRequests], statuses);
    }

    [NginxFact]
    public async Task ForgedForwardedProto_StraightToTheSite_GetsNoSecureCookieNorHsts()
    {
        var cookies = new CookieContainer();
        using var client = new HttpClient(NginxProxy.LocalHandler(Address(9), cookies: cookies)) { BaseAddress = site.App.Address, Timeout = TimeSpan.FromSeconds(30) };
        var request = new HttpRequestMessage(HttpMethod.Get, "/admin/login");
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-For", "198.51.100.200");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var antiforgery = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("aic_af=", StringComparison.Ordinal));
        Assert.DoesNotContain("secure", antiforgery, StringComparison.OrdinalIgnoreCase);
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }

    [NginxFact]
    public async Task ForgedForwardedFor_ThroughTheProxy_DoesNotEscapeTheCap()
    {
        using var client = site.Nginx.Client(Address(5));
        var forged = 0;

        var statuses = await VoteUntilRefusedAsync(client, site.Nginx.Address, request =>
            request.Headers.Add("X-Forwarded-For", $"198.51.100.{++forged}"));

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.SeeOther, site.Cap), HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public void Readme_ShowsTheTestedConfiguration()
    {
        var readme = File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "README.md")).Replace("\r\n", "\n", StringComparison.Ordinal);
        var shown = System.Text.RegularExpressions.Regex.Match(readme, "```nginx\n(.*?)\n```", System.Text.RegularExpressions.RegexOptions.Singleline).Groups[1].Value;
        var file = File.ReadAllLines(NginxProxy.DocumentedConfig).Where(l => !l.StartsWith('#'));

        Assert.Equal(string.Join('\n', file).Trim('\n'), shown);
    }

    /// <summary>127.0.0.<paramref name="host"/>: each test has its own.</summary>
    private static IPAddress Address(int host) => new([127, 0, 0, (byte)host]);

    private static string VoteCookie() => AiCompare.Web.Pages.Votes.VoteEndpoints.CookieName;

    /// <summary>Votes as a new voter each time (no cookie) until refused or one past the cap.</summary>
    private async Task<List<HttpStatusCode>> VoteUntilRefusedAsync(HttpClient client, Uri? origin, Action<HttpRequestMessage>? forge = null)
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i <= site.Cap; i++)
        {
            var request = VoteRequest(origin);
            forge?.Invoke(request);
            using var response = await client.SendAsync(request);
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
                Assert.Contains("Enough votes on this tool", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            if (response.StatusCode != HttpStatusCode.SeeOther) break;
        }
        return statuses;
    }

    private static HttpRequestMessage VoteRequest(Uri? origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/votes/{Tool}") { Content = new FormUrlEncodedContent([new("verdict", "ship")]) };
        if (origin is not null) AddBrowserHeaders(request, origin);
        return request;
    }

    private static HttpRequestMessage SignupRequest(Uri origin, string email)
    {
        var started = DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var request = new HttpRequestMessage(HttpMethod.Post, "/newsletter/subscribe")
        {
            Content = new FormUrlEncodedContent([new("email", email), new("t", started)]),
        };
        AddBrowserHeaders(request, origin);
        return request;
    }

    /// <summary>What a browser sends with a form it posts to the page's own site.</summary>
    private static void AddBrowserHeaders(HttpRequestMessage request, Uri origin)
    {
        request.Headers.Add("Origin", origin.GetLeftPart(UriPartial.Authority));
        request.Headers.Add("Sec-Fetch-Site", "same-origin");
    }

    /// <summary>
    /// The published site (as a real process, trusting 127.0.0.1 as its proxy, its base URL the proxy's
    /// https address) and nginx in front of it; one admin account. Nothing starts when nginx is missing
    /// (the tests are skipped then).
    /// </summary>
    public sealed class ProxiedSite : IAsyncLifetime
    {
        public const string AdminEmail = "proxy-admin@example.com";

        private readonly TempDirectory _temp = new();
        private PublishedSite? _published;

        public SiteProcess App { get; private set; } = null!;

        public NginxProxy Nginx { get; private set; } = null!;

        /// <summary>The shipped vote cap, unchanged.</summary>
        public int Cap { get; } = new AiCompare.Web.Pages.Votes.VotesOptions().PerAddressCap;

        public string Output => App.Output + "\n--- nginx error log ---\n" + Nginx.ErrorLog;

        public async Task InitializeAsync()
        {
            if (!NginxFactAttribute.Available) return;
            _published = new PublishedSite();
            var httpsPort = SiteProcess.FreePort();
            var httpPort = SiteProcess.FreePort();
            App = await SiteProcess.StartAsync(_published.Dll, _temp.Path, _temp.ConnectionString,
                "--ForwardedHeaders:KnownProxies:0=127.0.0.1",
                $"--Site:BaseUrl=https://localhost:{httpsPort}");
            Nginx = await NginxProxy.StartAsync(httpsPort, httpPort, App.Address);
            var hash = new EditorPasswords().Hash(AdminSite.Password);
            await new EditorRepository(new Db(_temp.ConnectionString)).CreateAsync(AdminEmail, "proxy admin", hash, EditorRole.Admin, actorId: null);
        }

        /// <summary>The first email to <paramref name="to"/> in the site's pickup folder, waiting for it.</summary>
        public async Task<Eml> WaitForEmailToAsync(string to)
        {
            var outbox = _temp.Combine("data", "outbox");
            for (var waited = 0; waited < 20_000; waited += 100)
            {
                if (Eml.ReadAll(outbox).FirstOrDefault(e => e.To.Contains(to, StringComparison.OrdinalIgnoreCase)) is { } email) return email;
                await Task.Delay(100);
            }
            throw new TimeoutException($"No email to {to} in {outbox}\n{Output}");
        }

        public Task DisposeAsync()
        {
            Nginx?.Dispose();
            App?.Dispose();
            _published?.Dispose();
            _temp.Dispose();
            return Task.CompletedTask;
        }
    }
}
