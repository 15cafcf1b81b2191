using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace AiCompare.Tests.Support;

/// <summary>
/// A throwaway PostgreSQL cluster from Debian's packages, one for the whole test run: <c>initdb</c> into a
/// temp folder (as the <c>postgres</c> user when the tests run as root: PostgreSQL refuses to run as
/// root), started on a free loopback port with its socket in that folder, trust authentication on
/// loopback only. Tests take a fresh database each (<see cref="CreateDatabaseAsync"/>). Stopped by its
/// process id when the test process exits, and its folder deleted.
/// </summary>
public sealed class PostgresServer
{
    private static readonly Lazy<Task<PostgresServer>> Started = new(StartAsync);

    private readonly string _folder;
    private readonly int _pid;

    private PostgresServer(string folder, int port, int pid)
    {
        _folder = folder;
        Port = port;
        _pid = pid;
    }

    /// <summary>Where Debian installs the server's programs (the highest version present), or null.</summary>
    public static string? BinDirectory =>
        Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0)
                .FirstOrDefault()
            : null;

    public static bool Available => BinDirectory is not null;

    public int Port { get; }

    /// <summary>The cluster, started on first use.</summary>
    public static Task<PostgresServer> Instance => Started.Value;

    /// <summary>A connection string for the cluster's maintenance database, as its superuser.</summary>
    public string AdminConnectionString => Connection("postgres");

    /// <summary>Creates an empty database of its own and returns a connection string for it.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = "aic_" + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(AdminConnectionString))
        {
            await connection.OpenAsync();
            // A name cannot be a parameter; this one is made here from a GUID.
            await Dapper.SqlMapper.ExecuteAsync(connection, $"CREATE DATABASE {name} ENCODING 'UTF8' TEMPLATE template0");
        }
        return Connection(name);
    }

    private string Connection(string database) =>
        new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = Port, Username = "aicompare", Database = database, Pooling = true }.ToString();

    private static async Task<PostgresServer> StartAsync()
    {
        var bin = BinDirectory ?? throw new InvalidOperationException(
            "PostgreSQL is not installed (apt-get install postgresql); .ci/run installs it.");
        var asRoot = Environment.IsPrivilegedProcess;
        RemoveLeftovers();
        var folder = Path.Combine(Path.GetTempPath(), "aicompare-pg-" + Guid.NewGuid().ToString("N"));
        var data = Path.Combine(folder, "data");
        var port = FreePort();
        // The postgres user makes the folder itself, so that it owns it.
        await RunAsync(asRoot, "mkdir", "-p", "-m", "700", folder);
        await RunAsync(asRoot, Path.Combine(bin, "initdb"), "-D", data, "-U", "aicompare", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync");
        await RunAsync(asRoot, Path.Combine(bin, "pg_ctl"), "-D", data, "-l", Path.Combine(folder, "server.log"), "-w", "-t", "60",
            "-o", $"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c max_connections=1000 -c shared_buffers=64MB", "start");
        var pid = int.Parse(File.ReadLines(Path.Combine(data, "postmaster.pid")).First().Trim(), System.Globalization.CultureInfo.InvariantCulture);
        var server = new PostgresServer(folder, port, pid);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Stop();
        return server;
    }

    /// <summary>Immediate shutdown (SIGQUIT: no checkpoint, nothing here is kept) by process id, then the folder goes.</summary>
    private void Stop()
    {
        try
        {
            using var process = Process.GetProcessById(_pid);
            using (var kill = Process.Start("kill", ["-QUIT", _pid.ToString(System.Globalization.CultureInfo.InvariantCulture)])) kill.WaitForExit(5_000);
            if (!process.WaitForExit(20_000)) process.Kill(entireProcessTree: true);
        }
        catch (ArgumentException)
        {
            // Already gone.
        }
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    /// <summary>Folders of earlier runs whose server is not running (a test process killed before it could stop it).</summary>
    private static void RemoveLeftovers()
    {
        foreach (var folder in Directory.GetDirectories(Path.GetTempPath(), "aicompare-pg-*"))
        {
            if (File.Exists(Path.Combine(folder, "data", "postmaster.pid"))) continue;
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }

    private static async Task RunAsync(bool asPostgres, string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(asPostgres ? "runuser" : program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (asPostgres)
        {
            foreach (var a in (string[])["-u", "postgres", "--", program]) start.ArgumentList.Add(a);
        }
        foreach (var a in arguments) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited with {process.ExitCode}: {await error}{await output}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
