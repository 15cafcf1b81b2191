using System.Net;
using AiCompare.Tests.Support;

namespace AiCompare.Tests.Web.Hosting;

/// <summary>
/// Who may read <c>/metrics</c>, on the published site as a real process, so that the client address is
/// a real one (the test server has none): loopback by default, <c>Metrics:AllowedNetworks</c> otherwise.
/// </summary>
public sealed class MetricsAccessTests(PublishedSite published) : IClassFixture<PublishedSite>, IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task FromLoopback_ByDefault_AnswersPrometheusText()
    {
        using var site = await SiteProcess.StartAsync(published.Dll, _temp.Path, _temp.ConnectionString);
        using var client = site.Client();

        // A request's duration is recorded as it ends, which may be after its client has read the answer:
        // a scrape right after the start-up checks can come before their durations. Asked again for a while.
        (await client.GetAsync(new Uri("/", UriKind.Relative))).Dispose();
        HttpResponseMessage response;
        string body;
        var until = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            response = await client.GetAsync(new Uri("/metrics", UriKind.Relative));
            body = await response.Content.ReadAsStringAsync();
            if (body.Contains("http_server_request_duration_seconds_bucket", StringComparison.Ordinal) || DateTime.UtcNow > until) break;
            response.Dispose();
            await Task.Delay(200);
        }
        using var _ = response;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.Contains("# TYPE ", body, StringComparison.Ordinal);
        Assert.Contains("aicompare_page_cache_size_bytes", body, StringComparison.Ordinal);
        Assert.Contains("http_server_request_duration_seconds_bucket", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ThroughAProxy_Is404EvenFromLoopback()
    {
        using var site = await SiteProcess.StartAsync(published.Dll, _temp.Path, _temp.ConnectionString);
        using var client = site.Client();

        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/metrics", UriKind.Relative));
        request.Headers.Add("X-Forwarded-For", "203.0.113.7");
        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.DoesNotContain("# TYPE", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FromOutsideTheAllowedNetworks_Is404()
    {
        using var site = await SiteProcess.StartAsync(published.Dll, _temp.Path, _temp.ConnectionString, "--Metrics:AllowedNetworks:0=192.0.2.0/24");
        using var client = site.Client();

        using var metrics = await client.GetAsync(new Uri("/metrics", UriKind.Relative));
        using var home = await client.GetAsync(new Uri("/", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, metrics.StatusCode);
        Assert.Equal("no-store", metrics.Headers.CacheControl?.ToString());
        Assert.DoesNotContain("# TYPE", await metrics.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
    }

    [Fact]
    public async Task BadAllowedNetwork_StopsStartWithAMessageNamingIt()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            SiteProcess.StartAsync(published.Dll, _temp.Path, _temp.ConnectionString, "--Metrics:AllowedNetworks:0=10.0.0.0/40"));

        Assert.Contains("Metrics:AllowedNetworks:0 must be a network in CIDR form", error.Message, StringComparison.Ordinal);
        Assert.Contains("10.0.0.0/40", error.Message, StringComparison.Ordinal);
    }
}
