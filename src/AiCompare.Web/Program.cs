using AiCompare.Web.Cli;
using AiCompare.Web.Hosting;

if (CommandLine.IsCommand(args))
{
    return await CommandLine.RunAsync(args);
}

var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppLocation.ContentRoot(args) });
builder.AddAiCompare();

var app = builder.Build();
app.UseAiCompare();
await app.Services.InitializeDatabaseAsync();
await app.RunAsync();
return 0;

/// <summary>The web application's entry point (public for WebApplicationFactory).</summary>
public partial class Program;
