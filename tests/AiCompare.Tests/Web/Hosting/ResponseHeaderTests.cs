using System.Net;
using AiCompare.Tests.Support;
using AiCompare.Web.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AiCompare.Tests.Web.Hosting;

/// <summary>
/// Issue 18, finding 7: every response denies the browser features the site never uses
/// (Permissions-Policy), page-cache hits included, and no response names the server software.
/// </summary>
public sealed class ResponseHeaderTests(SiteFactory site) : IClassFixture<SiteFactory>
{
    [Theory]
    [InlineData("/", HttpStatusCode.OK)]
    [InlineData("/tools/smolvlm2", HttpStatusCode.OK)]
    [InlineData("/embed/smolvlm2", HttpStatusCode.OK)]
    [InlineData("/api/v1/tools", HttpStatusCode.OK)]
    [InlineData("/api/v1/tools?page=x", HttpStatusCode.BadRequest)]
    [InlineData("/css/site.css", HttpStatusCode.OK)]
    [InlineData("/no-such-page", HttpStatusCode.NotFound)]
    [InlineData("/admin/login", HttpStatusCode.OK)]
    [InlineData("/healthz", HttpStatusCode.OK)]
    public async Task Response_CarriesPermissionsPolicy(string url, HttpStatusCode status)
    {
        using var response = await site.Client().GetAsync(url);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal(SecurityHeaders.Permissions, Single(response, "Permissions-Policy"));
    }

    [Fact]
    public async Task PageCacheHit_CarriesPermissionsPolicy()
    {
        var client = site.Client();
        using var first = await client.GetAsync("/critics");
        using var second = await client.GetAsync("/critics");

        Assert.True(second.Headers.Age is not null, "the second GET is a page-cache hit");
        Assert.Equal(SecurityHeaders.Permissions, Single(second, "Permissions-Policy"));
    }

    [Fact]
    public void PermissionsPolicy_DeniesPowerfulFeatures_AndLeavesTheClipboardToTheShareBlock()
    {
        foreach (var feature in new[] { "camera", "microphone", "geolocation", "payment", "usb", "browsing-topics" })
            Assert.Contains(feature + "=()", SecurityHeaders.Permissions, StringComparison.Ordinal);
        Assert.DoesNotContain("clipboard", SecurityHeaders.Permissions, StringComparison.Ordinal);
    }

    [Fact]
    public void Kestrel_IsConfiguredNotToSendAServerHeader() =>
        Assert.False(site.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value.AddServerHeader);

    [Fact]
    public async Task OnKestrel_NoResponseNamesTheServer()
    {
        using var kestrel = new SiteFactory();
        kestrel.UseKestrel(0);
        kestrel.StartServer();
        using var client = kestrel.CreateClient();

        foreach (var url in new[] { "/", "/", "/api/v1/nothing", "/css/site.css" })
        {
            using var response = await client.GetAsync(url);
            Assert.False(response.Headers.Contains("Server"), $"{url} sent Server: {string.Join(",", response.Headers.TryGetValues("Server", out var v) ? v : [])}");
        }
    }

    private static string? Single(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join("|", values) : null;
}
