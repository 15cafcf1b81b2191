using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace AiCompare.Tests.Support;

/// <summary>
/// The site as a real process (<c>dotnet AiCompare.Web.dll --urls …</c>) on a free local port, its output
/// collected. Killed, with its children, by its process id on dispose.
/// </summary>
public sealed class SiteProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private SiteProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    public string Output => string.Join('\n', _output);

    /// <summary>Starts the site with host <paramref name="settings"/> before <c>--urls</c>; without a connection string it uses its configured one (relative to <paramref name="workingDirectory"/>).</summary>
    public static Task<SiteProcess> StartAsync(string dll, string workingDirectory, string? connectionString, params string[] settings) =>
        StartAsync(asUser: null, dll, workingDirectory, connectionString, settings);

    /// <summary>
    /// As <see cref="StartAsync(string, string, string?, string[])"/>, but nobody reads the site's output: once
    /// the pipe behind it is full, whatever the site writes there waits. <see cref="Output"/> stays empty.
    /// </summary>
    public static Task<SiteProcess> StartUnreadAsync(string dll, string workingDirectory, string? connectionString, params string[] settings) =>
        StartAsync(asUser: null, dll, workingDirectory, connectionString, settings, readOutput: false);

    /// <summary>
    /// As <see cref="StartAsync(string, string, string?, string[])"/>, but run as <paramref name="user"/> (e.g.
    /// <c>nobody</c>) with no capabilities, through <c>setpriv</c>: the caller must be root. The process's home
    /// is <paramref name="workingDirectory"/>, which that user must be able to write.
    /// </summary>
    public static Task<SiteProcess> StartAsUserAsync(string user, string group, string dll, string workingDirectory, string? connectionString, params string[] settings) =>
        StartAsync(asUser: (user, group), dll, workingDirectory, connectionString, settings);

    private static async Task<SiteProcess> StartAsync((string User, string Group)? asUser, string dll, string workingDirectory, string? connectionString, string[] settings, bool readOutput = true)
    {
        var port = FreePort();
        var start = new ProcessStartInfo(asUser is null ? "dotnet" : "setpriv")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory,
        };
        if (asUser is var (user, group))
        {
            foreach (var a in new[] { $"--reuid={user}", $"--regid={group}", "--clear-groups", "--inh-caps=-all", "dotnet" }) start.ArgumentList.Add(a);
            start.Environment["HOME"] = workingDirectory;
            start.Environment["DOTNET_CLI_HOME"] = workingDirectory;
        }
        foreach (var a in (string[])[dll, .. settings, "--urls", $"http://127.0.0.1:{port}"]) start.ArgumentList.Add(a);
        if (connectionString is not null) start.Environment["ConnectionStrings__AiCompare"] = connectionString;
        start.Environment["Newsletter__SchedulerEnabled"] = "false";
        start.Environment.Remove("ASPNETCORE_ENVIRONMENT");
        start.Environment.Remove("DOTNET_ENVIRONMENT");
        start.Environment.Remove("ASPNETCORE_URLS");
        var site = new SiteProcess(Process.Start(start)!, new Uri($"http://127.0.0.1:{port}"));
        if (readOutput)
        {
            site._process.OutputDataReceived += (_, e) => { if (e.Data is not null) site._output.Enqueue(e.Data); };
            site._process.ErrorDataReceived += (_, e) => { if (e.Data is not null) site._output.Enqueue(e.Data); };
            site._process.BeginOutputReadLine();
            site._process.BeginErrorReadLine();
        }
        try
        {
            await site.WaitUntilServingAsync();
        }
        catch
        {
            site.Dispose();
            throw;
        }
        return site;
    }

    public HttpClient Client() => new() { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(20) };

    /// <summary>Waits until the log shows a line containing <paramref name="text"/>; the request log is written after the response.</summary>
    public async Task<bool> WaitForOutputAsync(string text)
    {
        for (var waited = 0; waited < 5000; waited += 50)
        {
            if (_output.Any(l => l.Contains(text, StringComparison.Ordinal))) return true;
            await Task.Delay(50);
        }
        return false;
    }

    public void Dispose()
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

    private async Task WaitUntilServingAsync()
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(45);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                // HasExited can be seen before the output readers have taken the last lines (the error that
                // stopped it): WaitForExit() without a timeout also waits for both redirected streams to end.
                _process.WaitForExit();
                throw new InvalidOperationException($"The site exited with code {_process.ExitCode}:\n{Output}");
            }
            try
            {
                using var response = await client.GetAsync(new Uri(Address, "/healthz"));
                if (response.StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Still starting.
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"The site did not answer /healthz within 45 s:\n{Output}");
    }

    /// <summary>A port nothing listens on now; the OS does not hand it out again at once.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
