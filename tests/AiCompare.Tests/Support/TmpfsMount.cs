using System.Diagnostics;

namespace AiCompare.Tests.Support;

/// <summary>
/// A small tmpfs mounted on a fresh folder (root only), for running out of disk space for real. Filled by
/// <see cref="Fill"/> until the kernel answers ENOSPC; unmounted (lazily, so an open file cannot keep it) on dispose.
/// </summary>
public sealed class TmpfsMount : IDisposable
{
    private const int Enospc = 28;
    private readonly TempDirectory _temp = new();

    public TmpfsMount(int sizeMegabytes)
    {
        Path = Directory.CreateDirectory(_temp.Combine("tmpfs")).FullName;
        Run("mount", "-t", "tmpfs", "-o", $"size={sizeMegabytes}m", "tmpfs", Path);
    }

    public string Path { get; }

    public string FillerFile => System.IO.Path.Combine(Path, "filler");

    public long FreeBytes => new DriveInfo(Path).AvailableFreeSpace;

    /// <summary>Writes a filler file until not one more byte fits.</summary>
    public void Fill()
    {
        using var filler = new FileStream(FillerFile, FileMode.Append, FileAccess.Write, FileShare.None, bufferSize: 0);
        var chunk = new byte[1 << 20];
        for (var size = chunk.Length; size > 0;)
        {
            try
            {
                filler.Write(chunk, 0, size);
            }
            catch (IOException e) when (e.HResult == Enospc)
            {
                size /= 2;
            }
        }
    }

    public void Free() => File.Delete(FillerFile);

    public void Dispose()
    {
        try
        {
            Run("umount", "-l", Path);
        }
        finally
        {
            _temp.Dispose();
        }
    }

    private static void Run(string command, params string[] arguments)
    {
        var start = new ProcessStartInfo(command) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(30)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{command} took over 30 s");
        }
        if (process.ExitCode != 0) throw new InvalidOperationException($"{command} {string.Join(' ', arguments)} failed ({process.ExitCode}): {stderr.Result}");
    }
}
