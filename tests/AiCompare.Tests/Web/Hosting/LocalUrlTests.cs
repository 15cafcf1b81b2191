using System.Net;
using AiCompare.Tests.Support;
using AiCompare.Web.Hosting;

namespace AiCompare.Tests.Web.Hosting;

/// <summary>
/// One check for every return address a request carries (issue 18, finding 4): hostile values fall back
/// to the safe default, as a table and through the real vote form and sign-in page, never a Location
/// off the site and never a 500.
/// </summary>
public sealed class LocalUrlTests(AdminSite admin, LocalUrlTests.VoteSite votes) : IClassFixture<AdminSite>, IClassFixture<LocalUrlTests.VoteSite>
{
    /// <summary>A site whose vote limits never get in the way, so every hostile value reaches the redirect.</summary>
    public sealed class VoteSite : IDisposable
    {
        public SiteFactory Factory { get; } = SiteFactory.WithSettings(new Dictionary<string, string>
        {
            ["Votes:PerAddressCap"] = "100000",
            ["Votes:PerMinutePerAddress"] = "100000",
        });

        public void Dispose() => Factory.Dispose();
    }

    private const string TabEvil = "/\t/evil.example";

    public static TheoryData<string> Hostile() =>
    [
        "//evil.example",
        "/\\evil.example",
        "\\\\evil.example",
        TabEvil,
        "/\n/evil.example",
        "/\r/evil.example",
        "/\r\nLocation: https://evil.example",
        "/\u0016/evil.example",
        "/e\0",
        "/e%00",
        "/%09/evil.example",
        "/%0d%0a/evil.example",
        "/%2F/evil.example",
        "/%2f%2fevil.example",
        "/%5Cevil.example",
        "/%5cevil.example",
        "/%252F/evil.example",
        "/a/%2F%2Fevil.example",
        "/a\\b",
        "https://evil.example",
        "http:evil.example",
        "javascript:alert(1)",
        "evil.example",
        " /tools/x",
        "/tools/x ",
        "/tools\u00a0/x",
        "/tools\u2028/x",
        "/tools\u3000/x",
        "/tools/\u200bx",
        "/" + new string('a', LocalUrl.MaxLength),
        "",
    ];

    [Theory]
    [MemberData(nameof(Hostile))]
    public void IsLocalPath_HostileValue_IsRefused(string value)
    {
        Assert.False(LocalUrl.IsLocalPath(value));
        Assert.Equal("/safe", LocalUrl.OrDefault(value, "/safe"));
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/tools/smolvlm2")]
    [InlineData("/compare/mercury-edit-2-vs-smolvlm2")]
    [InlineData("/search?q=code+review&page=2")]
    [InlineData("/search?q=caf%C3%A9")]
    [InlineData("/tools/x#votes")]
    public void IsLocalPath_SitePath_IsKept(string value)
    {
        Assert.True(LocalUrl.IsLocalPath(value));
        Assert.Equal(value, LocalUrl.OrDefault(value, "/safe"));
    }

    [Theory]
    [InlineData("/admin/tools", "/admin/tools")]
    [InlineData("/admin", "/admin")]
    [InlineData("/administrator", "/admin")]
    [InlineData("/tools/x", "/admin")]
    public void OrDefault_Under_KeepsOnlyThatPart(string value, string expected) =>
        Assert.Equal(expected, LocalUrl.OrDefault(value, "/admin", under: "/admin"));

    [Theory]
    [MemberData(nameof(Hostile))]
    public async Task VoteForm_HostileReturn_GoesToTheToolPage(string value)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/votes/smolvlm2")
        {
            Content = new FormUrlEncodedContent([new("verdict", "ship"), new("return", value)]),
        };
        request.Headers.Add("Sec-Fetch-Site", "same-origin");
        request.Headers.Add("Origin", "http://localhost");

        using var response = await votes.Factory.Client().SendAsync(request);

        // 303 back to the tool (with the voter's marker), or 400 for a form that cannot be decoded (a raw
        // NUL): never off-site, never 500.
        if (value.Contains('\0', StringComparison.Ordinal))
        {
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode} for {Escape(value)}");
            Assert.Null(response.Headers.Location);
            return;
        }
        Assert.True(response.StatusCode == HttpStatusCode.SeeOther, $"{(int)response.StatusCode} for {Escape(value)}");
        Assert.Equal("/tools/smolvlm2?voted=smolvlm2&verdict=ship", response.Headers.Location?.OriginalString);
    }

    [Theory]
    [MemberData(nameof(Hostile))]
    public async Task AdminLogin_HostileReturnUrl_SignsInToTheDashboard(string value)
    {
        var client = admin.Client();
        using var response = await client.SubmitAsync("/admin/login", "form[data-test=login-form]", new Dictionary<string, string?>
        {
            ["Email"] = AdminSite.AdminEmail,
            ["Password"] = AdminSite.Password,
            ["ReturnUrl"] = value,
        });

        if (value.Contains('\0', StringComparison.Ordinal))
        {
            // ReturnUrl=/e%00 in the body: the form cannot be decoded, so nobody is signed in, but no 500.
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode} for {Escape(value)}");
            Assert.Null(response.Headers.Location);
            return;
        }
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{(int)response.StatusCode} for {Escape(value)}");
        Assert.Equal("/admin", response.Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData("/admin/\r\nSet-Cookie: x=y")]
    [InlineData("/admin/\u0016")]
    [InlineData("/admin/\t/evil.example")]
    [InlineData("/admin/%2F%2Fevil.example")]
    [InlineData("/admin\\evil.example")]
    public async Task AdminLogin_HostileReturnUrlUnderAdmin_SignsInToTheDashboard(string value)
    {
        var client = admin.Client();
        using var response = await client.SubmitAsync("/admin/login", "form[data-test=login-form]", new Dictionary<string, string?>
        {
            ["Email"] = AdminSite.AdminEmail,
            ["Password"] = AdminSite.Password,
            ["ReturnUrl"] = value,
        });

        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{(int)response.StatusCode} for {Escape(value)}");
        Assert.Equal("/admin", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task AdminLogin_ReturnUrlUnderAdmin_IsFollowed()
    {
        var client = admin.Client();
        using var response = await client.SubmitAsync("/admin/login", "form[data-test=login-form]", new Dictionary<string, string?>
        {
            ["Email"] = AdminSite.AdminEmail,
            ["Password"] = AdminSite.Password,
            ["ReturnUrl"] = "/admin/tools",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/admin/tools", response.Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData("/admin/login?ReturnUrl=/e%00")]
    [InlineData("/admin/login?ReturnUrl=%2F%09%2Fevil.example")]
    [InlineData("/admin/login?ReturnUrl=%0d%0a")]
    public async Task AdminLogin_HostileReturnUrlInTheQuery_ShowsTheForm(string url)
    {
        using var response = await admin.Client().GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static string Escape(string value) =>
        string.Concat(value.Take(60).Select(c => c is < ' ' or > '~' ? $"\\u{(int)c:x4}" : c.ToString()));
}
