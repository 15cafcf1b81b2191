using AiCompare.Tests.Support;
using AiCompare.Web.Hosting;

namespace AiCompare.Tests.Web.Hosting.HostileInput;

/// <summary>
/// Issue 18, finding 5: the POST targets the review answered 500. A malformed or oversized form is the
/// client's mistake: 400, 405 or 413 with the site's error page, at most one warning line, no error log.
/// </summary>
public sealed class MalformedFormTests(MalformedFormTests.Site site) : IClassFixture<MalformedFormTests.Site>
{
    public static TheoryData<string> Targets => ["/", "/search", "/newsletter/subscribe", "/votes/smolvlm2", "/admin/login"];

    [Theory]
    [MemberData(nameof(Targets))]
    public Task TooManyFields_Answers400Or413(string path) =>
        AssertRefusedAsync(path, HostileBodies.ManyFields(1_030));

    [Theory]
    [MemberData(nameof(Targets))]
    public Task InvalidUtf8AndNulInFormValues_Answers400(string path) =>
        AssertRefusedAsync(path, HostileBodies.JunkFields());

    [Theory]
    [MemberData(nameof(Targets))]
    public Task BrokenMultipart_Answers400(string path) =>
        AssertRefusedAsync(path, HostileBodies.BrokenMultipart());

    [Theory]
    [MemberData(nameof(Targets))]
    public Task MultipartWithoutBoundary_Answers400(string path) =>
        AssertRefusedAsync(path, HostileBodies.MultipartWithoutBoundary());

    [Theory]
    [MemberData(nameof(Targets))]
    public Task OneValueOver4MB_Answers400Or413(string path) =>
        AssertRefusedAsync(path, HostileBodies.OneLongValue(4 * 1024 * 1024 + 1));

    [Theory]
    [MemberData(nameof(Targets))]
    public Task MultipartFileOverLimit_Answers400Or413(string path) =>
        AssertRefusedAsync(path, HostileBodies.MultipartFile(RequestLimits.MaxRequestBodyBytes + 1));

    [Theory]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    [InlineData("PATCH")]
    [InlineData("TRACE")]
    [InlineData("BREW")]
    public async Task ErrorPage_ReExecutedForAnyMethod_ShowsItsStatus(string method)
    {
        // A 405 from routing is re-executed on /error/405 with the request's own method. (OPTIONS is
        // answered 200 with an Allow header, as it should be.)
        using var request = new HttpRequestMessage(new HttpMethod(method), "/tools/smolvlm2");
        using var response = await site.Client().SendAsync(request);

        Assert.Equal(405, (int)response.StatusCode);
        await AssertErrorPageAsync(response, 405);
    }

    [Fact]
    public async Task ErrorPage_AfterMalformedPost_StillWorksForTheNextRequest()
    {
        using (var bad = await site.Client().PostAsync("/admin/login", HostileBodies.BrokenMultipart()))
            Assert.Equal(400, (int)bad.StatusCode);

        using var notFound = await site.Client().PostAsync("/no-such-page", new FormUrlEncodedContent([new("a", "b")]));

        Assert.Equal(404, (int)notFound.StatusCode);
        await AssertErrorPageAsync(notFound, 404);
    }

    [Theory]
    [InlineData("/e%00")]
    [InlineData("/e%FF")]
    [InlineData("/%0d%0aSet-Cookie:x=y")]
    public async Task SignIn_WithHostileReturnUrl_DoesNotAnswer500(string returnUrl)
    {
        // The right password, so the page gets as far as redirecting to ReturnUrl.
        using var admin = new AdminSite();
        var client = admin.Client();
        using var response = await client.SubmitAsync($"/admin/login?ReturnUrl={returnUrl}", "form[data-test=login-form]", new Dictionary<string, string?>
        {
            ["Email"] = AdminSite.AdminEmail,
            ["Password"] = AdminSite.Password,
        });

        Assert.True((int)response.StatusCode < 500, $"{(int)response.StatusCode} {response.Headers.Location}");
        Assert.DoesNotContain(response.Headers, h => h.Key.Equals("Set-Cookie", StringComparison.OrdinalIgnoreCase) && h.Value.Any(v => v.StartsWith("x=", StringComparison.Ordinal)));
        HostileBodies.AssertNoStackTrace(await response.ReadDecodedAsync());
    }

    private async Task AssertRefusedAsync(string path, HttpContent content)
    {
        using var _ = content;
        var before = site.Logs.Count;
        using var response = await site.Client().PostAsync(path, content);
        var lines = site.Logs.Skip(before).ToList();

        // 405: "/" and "/search" take no POST at all, and routing says so before any body is read.
        Assert.True((int)response.StatusCode is 400 or 405 or 413, $"POST {path}: {(int)response.StatusCode}\n{string.Join('\n', lines)}");
        await AssertErrorPageAsync(response, (int)response.StatusCode);
        Assert.DoesNotContain(lines, l => l.StartsWith("Error", StringComparison.Ordinal) || l.StartsWith("Fatal", StringComparison.Ordinal));
        Assert.True(lines.Count(l => l.StartsWith("Warning", StringComparison.Ordinal)) <= 1, string.Join('\n', lines));
    }

    private static async Task AssertErrorPageAsync(HttpResponseMessage response, int code)
    {
        var body = await response.ReadDecodedAsync();
        var page = Html.Parse(body).QuerySelector("[data-test=error-page]");
        Assert.True(page is not null, $"no error page for {code}:\n{body[..Math.Min(body.Length, 1500)]}");
        Assert.Contains($"Error {code}", page.TextContent, StringComparison.Ordinal);
        HostileBodies.AssertNoStackTrace(body);
    }

    /// <summary>One site for the class; the public POST limits are lifted so every case reaches the form read.</summary>
    public sealed class Site : IDisposable
    {
        public Site() => _ = _factory.Server; // started now, so start-up lines are not counted against a case

        private readonly SiteFactory _factory = SiteFactory.WithSettings(new Dictionary<string, string>
        {
            ["Votes:PerMinutePerAddress"] = "100000",
            ["Newsletter:SignupsPerMinutePerAddress"] = "100000",
        });

        public System.Collections.Concurrent.ConcurrentQueue<string> Logs => _factory.Logs;

        public HttpClient Client() => _factory.Client();

        public void Dispose() => _factory.Dispose();
    }
}
