using AiCompare.Web.Hosting;

namespace AiCompare.Web.Cli;

/// <summary>
/// Command-line verbs of the site's executable, e.g. <c>dotnet run --project src/AiCompare.Web -- import content</c>.
/// They read the same configuration as the site (appsettings, environment variables).
/// </summary>
public static class CommandLine
{
    private static readonly string[] Verbs = ["import", "add-editor", "generate", "help", "--help"];

    public static bool IsCommand(string[] args) => args.Length > 0 && Verbs.Contains(args[0], StringComparer.Ordinal);

    public static async Task<int> RunAsync(string[] args, TextWriter? stdout = null, TextWriter? stderr = null, TextReader? stdin = null)
    {
        stdout ??= Console.Out;
        stderr ??= Console.Error;
        switch (args[0])
        {
            case "add-editor":
                return await AddEditorCommand.RunAsync(args[1..], stdout, stderr, stdin);
            case "generate":
                return await GenerateCommand.RunAsync(args[1..], stdout, stderr);
            case "import" when args.Length == 2:
                return await ImportCommand.RunAsync(args[1], stdout, stderr);
            case "import":
                await stderr.WriteLineAsync("usage: import <content-directory>");
                return 2;
            default:
                await stdout.WriteLineAsync("""
                    AiCompare commands:
                      (no arguments)          run the site
                      import <directory>      validate and import a content/ folder (reviewers/*.md, tools/*.md)
                      generate --tools N [--seed S]
                                              add N synthetic tools (reviews, prices, tallies) for load tests
                      add-editor <email> [--admin] [--name "Display Name"]
                                              create an editor account; the password is read from standard
                                              input (one line, so it can be piped) or prompted for
                    """);
                return 0;
        }
    }

    /// <summary>The site's services, as the site configures them, for a verb to use.</summary>
    internal static WebApplication BuildServices()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppLocation.ContentRoot([]) });
        builder.AddAiCompare();
        return builder.Build();
    }
}
