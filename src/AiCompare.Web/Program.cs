using AiCompare.Web.Cli;
using AiCompare.Web.Hosting;

if (CommandLine.IsCommand(args))
{
    return await CommandLine.RunAsync(args);
}

var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppLocation.ContentRoot(args) });
builder.AddAiCompare();

var app = builder.Build();
// Storage first: endpoint mapping already builds services that open the database.
if (await app.Services.InitializeDatabaseAsync() is { } problem)
{
    // A supervisor sees exit code 1 and one line naming the path and the cause, not a stack trace.
    await Console.Error.WriteLineAsync(problem);
    return 1;
}
app.UseAiCompare();
await app.RunAsync();
return 0;

/// <summary>The web application's entry point (public for WebApplicationFactory).</summary>
public partial class Program;
