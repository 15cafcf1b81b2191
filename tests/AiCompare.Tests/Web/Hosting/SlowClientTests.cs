using System.Net;
using System.Net.Sockets;
using System.Text;
using AiCompare.Tests.Support;

namespace AiCompare.Tests.Web.Hosting;

/// <summary>
/// A body that arrives too slowly is the client's problem: 408 and one warning line, no 500 and no
/// stack trace. Real Kestrel on a loopback port: the test server enforces no data rates.
/// </summary>
public sealed class SlowClientTests
{
    [Theory]
    [InlineData("/votes/smolvlm2")]
    [InlineData("/newsletter/subscribe")]
    [InlineData("/admin/login")]
    public async Task SlowBody_Answers408_WithOneWarning(string path)
    {
        var port = FreePort();
        using var site = SiteFactory.WithSettings(new Dictionary<string, string>
        {
            ["Kestrel:Limits:MinRequestBodyDataRate:BytesPerSecond"] = "100",
            ["Kestrel:Limits:MinRequestBodyDataRate:GracePeriod"] = "00:00:02",
            ["Votes:PerMinute"] = "10000",
        });
        site.UseKestrel(port);
        site.StartServer();

        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, port);
        var stream = tcp.GetStream();
        var head = $"POST {path} HTTP/1.1\r\nHost: localhost:{port}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        var reply = new StringBuilder();
        var buffer = new byte[4096];
        var read = stream.ReadAsync(buffer).AsTask();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (!read.IsCompleted && !timeout.IsCancellationRequested)
        {
            try
            {
                await stream.WriteAsync("a"u8.ToArray(), timeout.Token);
            }
            catch (IOException)
            {
                break; // the server closed the connection after answering
            }
            await Task.WhenAny(read, Task.Delay(1000, timeout.Token).ContinueWith(_ => { }, TaskScheduler.Default));
        }
        var n = await read.WaitAsync(TimeSpan.FromSeconds(5));
        reply.Append(Encoding.ASCII.GetString(buffer, 0, n));

        var lines = site.Logs.ToList();
        Assert.True(reply.ToString().StartsWith("HTTP/1.1 408", StringComparison.Ordinal), reply + "\n" + string.Join("\n", lines));
        Assert.Single(lines, l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains(path, StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.StartsWith("Error", StringComparison.Ordinal) || l.StartsWith("Fatal", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("   at ", StringComparison.Ordinal));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
