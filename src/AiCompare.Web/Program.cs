using AiCompare.Web.Cli;
using AiCompare.Web.Hosting;
using Microsoft.Extensions.Options;

if (CommandLine.IsCommand(args))
{
    return await CommandLine.RunAsync(args);
}

try
{
    var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppLocation.ContentRoot(args) });
    builder.AddAiCompare();

    var app = builder.Build();
    // The connection string, then every setting, checked before anything starts: some checks read the
    // connection string, and the host would log a failed check with its stack trace.
    if (DatabaseStartup.ConnectionStringProblem(app.Configuration) is { } connection)
    {
        await Console.Error.WriteLineAsync(connection);
        return 1;
    }
    app.Services.GetService<IStartupValidator>()?.Validate();
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
}
catch (Exception e) when (SettingsProblem.Describe(e) is { } setting)
{
    // A setting it cannot use (read as the site starts): the same one line and exit code 1.
    await Console.Error.WriteLineAsync(setting);
    return 1;
}

/// <summary>The web application's entry point (public for WebApplicationFactory).</summary>
public partial class Program;
