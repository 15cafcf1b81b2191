using AiCompare.Data;

namespace AiCompare.Web;

/// <summary>
/// Command-line verbs of the site's executable, e.g. <c>dotnet run --project src/AiCompare.Web -- import content</c>.
/// They read the same configuration as the site (appsettings, environment variables).
/// </summary>
public static class Cli
{
    private static readonly string[] Verbs = ["import", "help", "--help"];

    public static bool IsCommand(string[] args) => args.Length > 0 && Verbs.Contains(args[0], StringComparer.Ordinal);

    public static async Task<int> RunAsync(string[] args, TextWriter? stdout = null, TextWriter? stderr = null)
    {
        stdout ??= Console.Out;
        stderr ??= Console.Error;
        switch (args[0])
        {
            case "import" when args.Length == 2:
                return await ImportAsync(args[1], stdout, stderr);
            case "import":
                await stderr.WriteLineAsync("usage: import <content-directory>");
                return 2;
            default:
                await stdout.WriteLineAsync("""
                    AiCompare commands:
                      (no arguments)          run the site
                      import <directory>      validate and import a content/ folder (reviewers/*.md, tools/*.md)
                    """);
                return 0;
        }
    }

    private static async Task<int> ImportAsync(string directory, TextWriter stdout, TextWriter stderr)
    {
        await using var app = BuildServices();
        var db = app.Services.GetRequiredService<Db>();
        app.Services.GetRequiredService<Migrator>().Migrate();
        var result = app.Services.GetRequiredService<ContentImporter>().Import(directory);
        if (!result.Succeeded)
        {
            foreach (var problem in result.Problems) await stderr.WriteLineAsync(problem.ToString());
            await stderr.WriteLineAsync($"Import failed: {result.Problems.Count} problem(s); nothing was changed in {db.DataSource}.");
            return 1;
        }
        foreach (var item in result.Created) await stdout.WriteLineAsync("created   " + item);
        foreach (var item in result.Updated) await stdout.WriteLineAsync("updated   " + item);
        await stdout.WriteLineAsync(
            $"Imported {directory} into {db.DataSource}: {result.Created.Count} created, {result.Updated.Count} updated, {result.Unchanged.Count} unchanged.");
        return 0;
    }

    private static WebApplication BuildServices()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [] });
        builder.AddAiCompare();
        return builder.Build();
    }
}
