using AiCompare.Web;

if (Cli.IsCommand(args))
{
    return await Cli.RunAsync(args);
}

var builder = WebApplication.CreateBuilder(args);
builder.AddAiCompare();

var app = builder.Build();
app.UseAiCompare();
await app.Services.InitializeDatabaseAsync();
await app.RunAsync();
return 0;

/// <summary>The web application's entry point (public for WebApplicationFactory).</summary>
public partial class Program;
