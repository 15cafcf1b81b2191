using System.Net;
using AiCompare.Tests.Support;
using AiCompare.Web.Hosting;
using Microsoft.AspNetCore.Http;

namespace AiCompare.Tests.Web.Hosting;

/// <summary>
/// In process: which forwarded headers the site believes (those of configured proxies only), the settings
/// that name the proxies, the same-origin check with <c>Site:BaseUrl</c>, Secure cookies and HSTS. The
/// test server has no connection address of its own, so each request sets the one it comes from.
/// </summary>
public sealed class ForwardedHeadersTests
{
    private static readonly IPAddress Proxy = IPAddress.Parse("10.1.2.3");
    private static readonly IPAddress Stranger = IPAddress.Parse("192.0.2.7");

    [Theory]
    [InlineData("ForwardedHeaders:KnownProxies:0", "nginx.internal", "ForwardedHeaders:KnownProxies:0 must be an IP address")]
    [InlineData("ForwardedHeaders:KnownProxies:0", "127.0.0.1/32", "ForwardedHeaders:KnownProxies:0 must be an IP address")]
    [InlineData("ForwardedHeaders:KnownNetworks:0", "10.0.0.0", "ForwardedHeaders:KnownNetworks:0 must be a network in CIDR notation")]
    [InlineData("ForwardedHeaders:KnownNetworks:0", "10.0.0.1/8", "ForwardedHeaders:KnownNetworks:0 must be a network in CIDR notation")]
    [InlineData("ForwardedHeaders:KnownNetworks:0", "10.0.0.0/33", "ForwardedHeaders:KnownNetworks:0 must be a network in CIDR notation")]
    public void BadProxySetting_StopsTheStartNamingTheSetting(string key, string value, string expected)
    {
        using var site = SiteFactory.WithSettings(new Dictionary<string, string> { [key] = value });

        var error = site.StartError();

        var messages = new List<string>();
        for (Exception? e = error; e is not null; e = e.InnerException) messages.Add(e.Message);
        Assert.Contains(messages, m => m.Contains(expected, StringComparison.Ordinal) && m.Contains(value, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ForwardedProtoFromAKnownProxy_MakesTheAntiforgeryCookieSecure()
    {
        using var site = SiteFactory.WithSettings(new Dictionary<string, string> { ["ForwardedHeaders:KnownProxies:0"] = Proxy.ToString() });

        var context = await GetAsync(site, "/admin/login", Proxy, forwardedProto: "https");

        Assert.Equal(StatusCodes.Status200OK, context.Response.StatusCode);
        var cookie = Assert.Single(context.Response.Headers.SetCookie, c => c!.StartsWith("aic_af=", StringComparison.Ordinal));
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task ForwardedProtoFromAKnownNetwork_MakesTheAntiforgeryCookieSecure()
    {
        using var site = SiteFactory.WithSettings(new Dictionary<string, string> { ["ForwardedHeaders:KnownNetworks:0"] = "10.0.0.0/8" });

        var context = await GetAsync(site, "/admin/login", Proxy, forwardedProto: "https");

        Assert.Contains("secure", context.Response.Headers.SetCookie.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("192.0.2.7")] // not the configured proxy
    [InlineData("127.0.0.1")] // loopback, which ASP.NET Core trusts by default
    [InlineData("::1")]
    public async Task ForwardedProtoFromAnUnknownAddress_IsIgnored(string from)
    {
        using var site = SiteFactory.WithSettings(new Dictionary<string, string> { ["ForwardedHeaders:KnownProxies:0"] = Proxy.ToString() });

        var context = await GetAsync(site, "/admin/login", IPAddress.Parse(from), forwardedProto: "https", forwardedFor: "203.0.113.9");

        Assert.Equal("http", context.Request.Scheme);
        Assert.Equal(IPAddress.Parse(from), context.Connection.RemoteIpAddress);
        Assert.DoesNotContain("secure", context.Response.Headers.SetCookie.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task NoProxyConfigured_TrustsNobody_NotEvenLoopback()
    {
        using var site = new SiteFactory();

        var context = await GetAsync(site, "/admin/login", IPAddress.Loopback, forwardedProto: "https", forwardedFor: "203.0.113.9");

        Assert.Equal("http", context.Request.Scheme);
        Assert.Equal(IPAddress.Loopback, context.Connection.RemoteIpAddress);
        Assert.DoesNotContain("secure", context.Response.Headers.SetCookie.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task ForwardedForFromAKnownProxy_IsTheClientAddress()
    {
        using var site = SiteFactory.WithSettings(new Dictionary<string, string> { ["ForwardedHeaders:KnownProxies:0"] = Proxy.ToString() });

        var context = await GetAsync(site, "/healthz", Proxy, forwardedProto: "https", forwardedFor: "2001:db8:5:6:7::8");

        Assert.Equal(IPAddress.Parse("2001:db8:5:6:7::8"), context.Connection.RemoteIpAddress);
        Assert.Equal("2001:db8:5:6::/64", ClientAddress.Of(context));
        Assert.True(context.Request.IsHttps);
    }

    [Fact]
    public async Task HttpsBaseUrl_SendsHstsOnHttpsResponses_CacheHitsIncluded_NeverOnHttp()
    {
        using var site = SiteFactory.WithSettings(new Dictionary<string, string>
        {
            ["ForwardedHeaders:KnownProxies:0"] = Proxy.ToString(),
            ["Site:BaseUrl"] = "https://aicompare.example",
        });

        var miss = await GetAsync(site, "/", Proxy, forwardedProto: "https");
        var hit = await HitAsync(site, "https");
        var plain = await GetAsync(site, "/", Proxy, forwardedProto: "http");
        var plainHit = await HitAsync(site, "http");

        Assert.Equal(SecurityHeaders.Hsts, miss.Response.Headers.StrictTransportSecurity.ToString());
        Assert.True(hit.Response.Headers.Age.Count > 0, "the second GET is a page-cache hit");
        Assert.Equal(SecurityHeaders.Hsts, hit.Response.Headers.StrictTransportSecurity.ToString());
        Assert.Equal(0, plain.Response.Headers.StrictTransportSecurity.Count);
        Assert.True(plainHit.Response.Headers.Age.Count > 0, "the plain HTTP page is a cache hit too");
        Assert.Equal(0, plainHit.Response.Headers.StrictTransportSecurity.Count);
    }

    [Theory]
    [InlineData("")]
    [InlineData("http://aicompare.example")]
    public async Task NoHttpsBaseUrl_NoHsts(string baseUrl)
    {
        using var site = SiteFactory.WithSettings(new Dictionary<string, string>
        {
            ["ForwardedHeaders:KnownProxies:0"] = Proxy.ToString(),
            ["Site:BaseUrl"] = baseUrl,
        });

        var context = await GetAsync(site, "/", Proxy, forwardedProto: "https");

        Assert.Equal(StatusCodes.Status200OK, context.Response.StatusCode);
        Assert.Equal(0, context.Response.Headers.StrictTransportSecurity.Count);
    }

    [Theory]
    [InlineData("https://aicompare.example", "https://aicompare.example", HttpStatusCode.SeeOther)]
    [InlineData("https://aicompare.example/", "https://AIcompare.example", HttpStatusCode.SeeOther)]
    [InlineData("https://aicompare.example:8443/sub", "https://aicompare.example:8443", HttpStatusCode.SeeOther)]
    [InlineData("https://aicompare.example:443", "https://aicompare.example", HttpStatusCode.SeeOther)]
    [InlineData("https://aicompare.example", "http://localhost", HttpStatusCode.SeeOther)] // the request's own origin still counts
    [InlineData("https://aicompare.example", "https://evil.example", HttpStatusCode.Forbidden)]
    [InlineData("https://aicompare.example", "http://aicompare.example", HttpStatusCode.Forbidden)]
    [InlineData("https://aicompare.example", "https://aicompare.example:8443", HttpStatusCode.Forbidden)]
    [InlineData("", "https://aicompare.example", HttpStatusCode.Forbidden)]
    public async Task Vote_OriginIsTheBaseUrlsOrTheRequestsOwn_OthersAreRefused(string baseUrl, string origin, HttpStatusCode expected)
    {
        using var site = SiteFactory.WithSettings(new Dictionary<string, string> { ["Site:BaseUrl"] = baseUrl });
        var request = new HttpRequestMessage(HttpMethod.Post, "/votes/smolvlm2") { Content = new FormUrlEncodedContent([new("verdict", "ship")]) };
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Sec-Fetch-Site", "same-origin");

        using var response = await site.Client().SendAsync(request);

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task NewsletterSignup_FromTheBaseUrlsOrigin_IsAccepted()
    {
        using var site = SiteFactory.WithSettings(new Dictionary<string, string> { ["Site:BaseUrl"] = "https://aicompare.example" });
        var request = new HttpRequestMessage(HttpMethod.Post, "/newsletter/subscribe")
        {
            Content = new FormUrlEncodedContent([new("email", "reader@example.com"), new("t", "1")]),
        };
        request.Headers.Add("Origin", "https://aicompare.example");
        request.Headers.Add("Sec-Fetch-Site", "same-origin");

        using var response = await site.Client().SendAsync(request);

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal("/newsletter/check-email", response.Headers.Location?.OriginalString);
    }

    /// <summary>
    /// The home page again until it comes from the page cache: a miss is stored just after it is sent, so
    /// the request right after it may still find nothing stored.
    /// </summary>
    private static async Task<HttpContext> HitAsync(SiteFactory site, string forwardedProto)
    {
        var context = await GetAsync(site, "/", Proxy, forwardedProto: forwardedProto);
        for (var i = 0; i < 50 && context.Response.Headers.Age.Count == 0; i++)
        {
            await Task.Delay(20);
            context = await GetAsync(site, "/", Proxy, forwardedProto: forwardedProto);
        }
        return context;
    }

    /// <summary>A GET as if from <paramref name="from"/>, optionally with forwarded headers.</summary>
    private static Task<HttpContext> GetAsync(SiteFactory site, string path, IPAddress from, string? forwardedProto = null, string? forwardedFor = null) =>
        site.Server.SendAsync(c =>
        {
            c.Request.Method = HttpMethods.Get;
            c.Request.Path = path;
            c.Request.Host = new HostString("localhost");
            c.Connection.RemoteIpAddress = from;
            if (forwardedProto is not null) c.Request.Headers["X-Forwarded-Proto"] = forwardedProto;
            if (forwardedFor is not null) c.Request.Headers["X-Forwarded-For"] = forwardedFor;
        });
}
