using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;

namespace AiCompare.Tests.Support;

/// <summary>
/// Debian's nginx as a child process, running the repository's own <c>deploy/nginx/aicompare.conf</c>
/// with test ports, a throwaway self-signed certificate and the site under test as its upstream. Its
/// pid file, logs and temp paths live in a temp folder. Killed, with its worker, by process id on dispose.
/// </summary>
public sealed class NginxProxy : IDisposable
{
    public const string Binary = "/usr/sbin/nginx";
    public const string OpenSsl = "/usr/bin/openssl";

    /// <summary>The documented configuration, the one this fixture runs.</summary>
    public static string DocumentedConfig => Path.Combine(TestPaths.RepoRoot, "deploy", "nginx", "aicompare.conf");

    private readonly TempDirectory _temp = new();
    private Process? _process;

    private NginxProxy(int httpsPort, int httpPort)
    {
        HttpsPort = httpsPort;
        HttpPort = httpPort;
    }

    public int HttpsPort { get; }

    public int HttpPort { get; }

    /// <summary>The address readers use: <c>https://localhost:port</c>.</summary>
    public Uri Address => new($"https://localhost:{HttpsPort}");

    public X509Certificate2 Certificate { get; private set; } = null!;

    public string ErrorLog => ReadShared(_temp.Combine("error.log"));

    /// <summary>One line per request: method, URI, status and the upstream that answered (<c>127.0.0.1:port</c>).</summary>
    public string AccessLog => ReadShared(_temp.Combine("access.log"));

    /// <summary>Starts nginx on the given ports in front of <paramref name="upstream"/> (the site's plain HTTP address).</summary>
    public static Task<NginxProxy> StartAsync(int httpsPort, int httpPort, Uri upstream) => StartAsync(httpsPort, httpPort, [upstream]);

    /// <summary>Starts nginx on the given ports in front of several nodes, one upstream server line each (round-robin).</summary>
    public static async Task<NginxProxy> StartAsync(int httpsPort, int httpPort, IReadOnlyList<Uri> upstreams)
    {
        var proxy = new NginxProxy(httpsPort, httpPort);
        try
        {
            await proxy.StartAsync(upstreams);
        }
        catch
        {
            proxy.Dispose();
            throw;
        }
        return proxy;
    }

    /// <summary>
    /// A client for <see cref="Address"/> that trusts only this proxy's certificate, keeps no cookies
    /// unless given a container, follows no redirects, and connects from <paramref name="from"/> (any
    /// 127.x address works on Linux loopback).
    /// </summary>
    public HttpClient Client(IPAddress from, CookieContainer? cookies = null) =>
        new(LocalHandler(from, Certificate, cookies)) { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>A handler whose connections come from <paramref name="from"/>; TLS pinned to <paramref name="pinned"/> when given.</summary>
    public static SocketsHttpHandler LocalHandler(IPAddress from, X509Certificate2? pinned = null, CookieContainer? cookies = null)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = cookies is not null,
            CookieContainer = cookies ?? new CookieContainer(),
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(from, 0));
                    // Every test server listens on 127.0.0.1, whatever name the URL uses (localhost, for the certificate).
                    await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, context.DnsEndPoint.Port), cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        if (pinned is not null)
        {
            var expected = pinned.RawData;
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                certificate is not null && certificate.GetRawCertData().AsSpan().SequenceEqual(expected);
        }
        return handler;
    }

    public void Dispose()
    {
        if (_process is not null)
        {
            try
            {
                if (!_process.HasExited) _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }
            _process.Dispose();
        }
        Certificate?.Dispose();
        _temp.Dispose();
    }

    private async Task StartAsync(IReadOnlyList<Uri> upstreams)
    {
        var cert = _temp.Combine("cert.pem");
        var key = _temp.Combine("key.pem");
        await RunAsync(OpenSsl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost", "-days", "1",
            "-addext", "subjectAltName=DNS:localhost", "-keyout", key, "-out", cert);
        Certificate = X509Certificate2.CreateFromPem(File.ReadAllText(cert));

        File.WriteAllText(_temp.Combine("aicompare.conf"), Adapt(File.ReadAllText(DocumentedConfig), cert, key, upstreams));
        File.WriteAllText(_temp.Combine("nginx.conf"), MainConfig());

        var start = new ProcessStartInfo(Binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = _temp.Path,
        };
        foreach (var a in new[] { "-p", _temp.Path + "/", "-c", _temp.Combine("nginx.conf"), "-e", _temp.Combine("error.log") }) start.ArgumentList.Add(a);
        _process = Process.Start(start)!;
        var stderr = _process.StandardError.ReadToEndAsync();
        _ = _process.StandardOutput.ReadToEndAsync();

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"nginx exited with code {_process.ExitCode}:\n{await stderr}\n{ErrorLog}");
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, HttpsPort);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
        }
    }

    /// <summary>
    /// The documented file with this test's ports, certificate and upstream, and no IPv6 listeners (a
    /// test machine may have no IPv6). Each replaced text must be there: if the file changes shape, this
    /// fails instead of quietly testing something else.
    /// </summary>
    private string Adapt(string config, string cert, string key, IReadOnlyList<Uri> upstreams)
    {
        (string From, string To)[] replacements =
        [
            ("    listen [::]:80;\n", ""),
            ("    listen [::]:443 ssl http2;\n", ""),
            ("listen 80;", $"listen 127.0.0.1:{HttpPort};"),
            ("listen 443 ssl http2;", $"listen 127.0.0.1:{HttpsPort} ssl http2;"),
            ("/etc/letsencrypt/live/aicompare.example/fullchain.pem", cert),
            ("/etc/letsencrypt/live/aicompare.example/privkey.pem", key),
            ("    server 127.0.0.1:8080;\n", string.Concat(upstreams.Select(u => $"    server 127.0.0.1:{u.Port};\n"))),
        ];
        foreach (var (from, to) in replacements)
        {
            if (!config.Contains(from, StringComparison.Ordinal)) throw new InvalidOperationException($"{DocumentedConfig} no longer contains '{from.Trim()}'");
            config = config.Replace(from, to, StringComparison.Ordinal);
        }
        return config;
    }

    /// <summary>
    /// What Debian's /etc/nginx/nginx.conf would be around the site's file, with every path in the temp
    /// folder. As root, nginx's worker would switch to <c>nobody</c>, who cannot read the temp folder's
    /// key or write its temp paths: the worker stays root here (in the test only).
    /// </summary>
    private string MainConfig()
    {
        var root = Environment.UserName == "root" ? "user root;\n" : "";
        return $$"""
            {{root}}worker_processes 1;
            daemon off;
            pid {{_temp.Combine("nginx.pid")}};
            error_log {{_temp.Combine("error.log")}} info;
            events { worker_connections 256; }
            http {
                log_format upstreams '$request_method $request_uri $status $upstream_addr';
                access_log {{_temp.Combine("access.log")}} upstreams;
                client_body_temp_path {{_temp.Combine("client_body")}};
                proxy_temp_path {{_temp.Combine("proxy")}};
                fastcgi_temp_path {{_temp.Combine("fastcgi")}};
                uwsgi_temp_path {{_temp.Combine("uwsgi")}};
                scgi_temp_path {{_temp.Combine("scgi")}};
                include {{_temp.Combine("aicompare.conf")}};
            }
            """;
    }

    private static async Task RunAsync(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(1)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} took over a minute");
        }
        if (process.ExitCode != 0) throw new InvalidOperationException($"{file} failed ({process.ExitCode}):\n{await stdout}\n{await stderr}");
    }

    private static string ReadShared(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }
        catch (IOException)
        {
            return "";
        }
    }
}

/// <summary>A test that needs Debian's nginx and openssl: skipped on a developer machine without them, never in CI.</summary>
public sealed class NginxFactAttribute : FactAttribute
{
    public static bool Available => File.Exists(NginxProxy.Binary) && File.Exists(NginxProxy.OpenSsl);

    public NginxFactAttribute()
    {
        if (!Available && Environment.GetEnvironmentVariable("CI") is null)
            Skip = "Debian's nginx or openssl is not installed (apt-get install nginx openssl); CI installs them and runs this test.";
    }
}
