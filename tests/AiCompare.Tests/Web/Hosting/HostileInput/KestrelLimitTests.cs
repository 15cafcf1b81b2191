using System.Net;
using System.Net.Sockets;
using System.Text;
using AiCompare.Tests.Support;
using AiCompare.Web.Hosting;

namespace AiCompare.Tests.Web.Hosting.HostileInput;

/// <summary>
/// What only a real server shows: Kestrel's body size limit and its reading of raw request lines (the test
/// server enforces neither). The site on Kestrel on a loopback port, spoken to over a raw socket so that
/// nothing on the client side cleans the request up. A handful of routes: the POST targets and a page.
/// </summary>
public sealed class KestrelLimitTests(KestrelLimitTests.Site site) : IClassFixture<KestrelLimitTests.Site>
{
    [Theory]
    [InlineData("/admin/login")]
    [InlineData("/votes/smolvlm2")]
    [InlineData("/newsletter/subscribe")]
    public async Task BodyOverTheLimit_Answers413_WithTheErrorPage(string path)
    {
        // Declared only: Kestrel refuses a Content-Length over MaxRequestBodySize at the first read.
        var reply = await site.SendAsync($"POST {path} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {RequestLimits.MaxRequestBodyBytes + 1}\r\nConnection: close\r\n\r\n");

        Assert.StartsWith("HTTP/1.1 413", reply, StringComparison.Ordinal);
        Assert.Contains("data-test=\"error-page\"", reply, StringComparison.Ordinal);
        HostileBodies.AssertNoStackTrace(reply);
        site.AssertNoErrorLogged();
    }

    [Theory]
    [InlineData("/admin/login")]
    [InlineData("/votes/smolvlm2")]
    public async Task BodyOver30MB_Answers413(string path)
    {
        var reply = await site.SendAsync($"POST {path} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {31 * 1024 * 1024}\r\nConnection: close\r\n\r\n");

        Assert.StartsWith("HTTP/1.1 413", reply, StringComparison.Ordinal);
        HostileBodies.AssertNoStackTrace(reply);
        site.AssertNoErrorLogged();
    }

    [Theory]
    [InlineData("GET /tools/%00 HTTP/1.1")]
    [InlineData("GET /tools/a%00b HTTP/1.1")]
    [InlineData("GET /tools/%FF%FE HTTP/1.1")]
    [InlineData("GET /tools/%C3%28 HTTP/1.1")]
    [InlineData("GET /search?q=%00%FF%C3%28 HTTP/1.1")]
    [InlineData("GET /admin/login?ReturnUrl=/e%00 HTTP/1.1")]
    [InlineData("GET /api/v1/tools?page=%00 HTTP/1.1")]
    [InlineData("POST /votes/%00 HTTP/1.1")]
    [InlineData("BREW /tools/smolvlm2 HTTP/1.1")]
    public async Task HostileRequestLine_NoServerError(string requestLine)
    {
        var reply = await site.SendAsync($"{requestLine}\r\nHost: localhost\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");

        AssertClientError(reply);
    }

    [Fact]
    public async Task RawInvalidUtf8InPath_NoServerError()
    {
        var head = Encoding.ASCII.GetBytes("GET /tools/");
        var tail = Encoding.ASCII.GetBytes(" HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        var reply = await site.SendAsync([.. head, 0xFF, 0xC3, 0x28, .. tail]);

        AssertClientError(reply);
    }

    [Fact]
    public async Task EightKilobyteSlug_AnswersAClientError()
    {
        var reply = await site.SendAsync($"GET /tools/{new string('a', 9 * 1024)} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

        // Kestrel's request line limit is 8 KB: 414.
        Assert.StartsWith("HTTP/1.1 414", reply, StringComparison.Ordinal);
        site.AssertNoErrorLogged();
    }

    private void AssertClientError(string reply)
    {
        var status = reply.Length >= 12 ? reply[9..12] : reply;
        Assert.True(status is "200" or "400" or "404" or "405" or "414", reply[..Math.Min(reply.Length, 600)]);
        HostileBodies.AssertNoStackTrace(reply);
        site.AssertNoErrorLogged();
    }

    /// <summary>The site on real Kestrel, its public POST limits lifted.</summary>
    public sealed class Site : IDisposable
    {
        private readonly int _port = SiteProcess.FreePort();
        private readonly SiteFactory _factory = SiteFactory.WithSettings(new Dictionary<string, string>
        {
            ["Votes:PerMinutePerAddress"] = "100000",
            ["Newsletter:SignupsPerMinutePerAddress"] = "100000",
        });

        public Site()
        {
            _factory.UseKestrel(_port);
            _factory.StartServer();
        }

        public Task<string> SendAsync(string request) => SendAsync(Encoding.ASCII.GetBytes(request));

        /// <summary>Sends raw bytes and reads until the server closes the connection (20 s at most).</summary>
        public async Task<string> SendAsync(byte[] request)
        {
            using var tcp = new TcpClient();
            await tcp.ConnectAsync(IPAddress.Loopback, _port);
            var stream = tcp.GetStream();
            await stream.WriteAsync(request);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            var reply = new MemoryStream();
            try
            {
                await stream.CopyToAsync(reply, timeout.Token);
            }
            catch (IOException)
            {
                // A reset after the answer: what arrived is the answer.
            }
            return Encoding.UTF8.GetString(reply.ToArray());
        }

        public void AssertNoErrorLogged() =>
            Assert.DoesNotContain(_factory.Logs, l => l.StartsWith("Error", StringComparison.Ordinal) || l.StartsWith("Fatal", StringComparison.Ordinal) || l.Contains("   at ", StringComparison.Ordinal));

        public void Dispose() => _factory.Dispose();
    }
}
