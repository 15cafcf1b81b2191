using System.Diagnostics;

namespace AiCompare.Tests.Support;

/// <summary>
/// A command-line verb of the site (<c>dotnet AiCompare.Web.dll verb …</c>) as a real process on a given
/// database, warnings and errors only in its log. Killed, with its children, if it outlives two minutes.
/// </summary>
public static class VerbProcess
{
    public static ProcessStartInfo Start(string dll, string workingDirectory, string connectionString, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory,
        };
        start.ArgumentList.Add(dll);
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment["ConnectionStrings__AiCompare"] = connectionString;
        start.Environment["Serilog__MinimumLevel__Default"] = "Warning";
        start.Environment.Remove("ASPNETCORE_ENVIRONMENT");
        start.Environment.Remove("DOTNET_ENVIRONMENT");
        return start;
    }

    public static async Task<(int Code, string Stdout, string Stderr)> RunAsync(ProcessStartInfo start)
    {
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet {string.Join(' ', start.ArgumentList)} ran over 2 minutes");
        }
        return (process.ExitCode, await stdout, await stderr);
    }
}
