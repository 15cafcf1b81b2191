using AiCompare.Data;

namespace AiCompare.Web.Cli;

/// <summary>
/// <c>export &lt;directory&gt;</c>: writes the whole catalog as content files (<c>reviewers/*.md</c>,
/// <c>tools/*.md</c>), which <c>import</c> reads back unchanged, from either database. The files are written
/// into a folder beside the target and moved into place once complete; an existing, non-empty folder is refused.
/// </summary>
public static class ExportCommand
{
    public const string Usage = "usage: export <directory>   (a new or empty folder)";

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Length != 1 || args[0].StartsWith('-'))
        {
            await stderr.WriteLineAsync(Usage);
            return 2;
        }
        var target = Path.GetFullPath(args[0]);
        var parent = Path.GetDirectoryName(target);
        string? problem = null;
        if (File.Exists(target)) problem = $"{target} is a file; name a folder";
        else if (Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any()) problem = $"{target} is not empty; name a new or empty folder";
        else if (parent is null || !Directory.Exists(parent)) problem = $"the folder {parent} does not exist";
        if (problem is not null)
        {
            await stderr.WriteLineAsync("export failed: " + problem);
            return 1;
        }

        await using var app = CommandLine.BuildServices();
        var db = app.Services.GetRequiredService<Db>();
        var partial = Path.Combine(parent!, $".{Path.GetFileName(target)}.partial-{Guid.NewGuid():N}");
        try
        {
            app.Services.GetRequiredService<Migrator>().Migrate();
            var files = app.Services.GetRequiredService<ContentExporter>().Files();
            foreach (var (path, text) in files)
            {
                var file = Path.Combine(partial, path);
                Directory.CreateDirectory(Path.GetDirectoryName(file)!);
                await File.WriteAllTextAsync(file, text);
            }
            if (Directory.Exists(target)) Directory.Delete(target);
            Directory.Move(partial, target);
            await stdout.WriteLineAsync($"Exported {files.Count(f => f.Path.StartsWith("tools/", StringComparison.Ordinal))} tools and {files.Count(f => f.Path.StartsWith("reviewers/", StringComparison.Ordinal))} critics from {db.DataSource} to {target}.");
            return 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException || StorageFault.Classify(e, db.DataSource) is not null)
        {
            await stderr.WriteLineAsync($"export failed: {e.GetBaseException().Message}; {target} was not written");
            return 1;
        }
        finally
        {
            if (Directory.Exists(partial)) Directory.Delete(partial, recursive: true);
        }
    }
}
