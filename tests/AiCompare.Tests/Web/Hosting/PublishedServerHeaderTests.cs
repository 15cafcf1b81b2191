using AiCompare.Tests.Support;

namespace AiCompare.Tests.Web.Hosting;

/// <summary>The published site, as a real process behind nothing: no <c>Server</c> header.</summary>
public sealed class PublishedServerHeaderTests(PublishedSite published) : IClassFixture<PublishedSite>, IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task PublishedSite_SendsNoServerHeader_AndAPermissionsPolicy()
    {
        using var site = await SiteProcess.StartAsync(published.Dll, _temp.Path, _temp.ConnectionString);
        using var client = site.Client();

        foreach (var url in new[] { "/", "/", "/no-such-page", "/api/v1/tools?page=x", "/css/site.css" })
        {
            using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
            Assert.False(response.Headers.Contains("Server"), $"{url} named the server");
            Assert.True(response.Headers.Contains("Permissions-Policy"), $"{url} had no Permissions-Policy");
        }
    }
}
