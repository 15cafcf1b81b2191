using AiCompare.Tests.Support;

namespace AiCompare.Tests.Web.Hosting;

/// <summary>A method a page does not handle is the client's mistake: 405, never a 500.</summary>
public sealed class MethodTests(SiteFactory site) : IClassFixture<SiteFactory>
{
    [Theory]
    [InlineData("TRACE", "/")]
    [InlineData("TRACE", "/tools/smolvlm2")]
    [InlineData("TRACE", "/critics/builder")]
    [InlineData("TRACE", "/categories/developer-tools")]
    [InlineData("TRACE", "/embed/smolvlm2")]
    [InlineData("TRACE", "/compare")]
    [InlineData("TRACE", "/search?q=code")]
    [InlineData("PUT", "/tools/smolvlm2")]
    [InlineData("DELETE", "/critics/builder")]
    [InlineData("TRACE", "/admin/login")]
    public async Task UnsupportedMethod_Answers405(string method, string url)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        using var response = await site.Client().SendAsync(request);

        Assert.Equal(405, (int)response.StatusCode);
        Assert.DoesNotContain(site.Logs, l => l.StartsWith("Error", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("/tools/smolvlm2")]
    [InlineData("/")]
    public async Task Head_OnPage_Answers200(string url)
    {
        using var request = new HttpRequestMessage(HttpMethod.Head, url);
        using var response = await site.Client().SendAsync(request);

        Assert.Equal(200, (int)response.StatusCode);
    }
}
