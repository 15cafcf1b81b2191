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
    // Storage first: endpoint mapping already builds services that open the database, and a setting's
    // check may need the database's folder (the default address-hash key lives beside the database).
    if (await app.Services.InitializeDatabaseAsync() is { } problem)
    {
        // A supervisor sees exit code 1 and one line naming the path and the cause, not a stack trace.
        await Console.Error.WriteLineAsync(problem);
        return 1;
    }
    // Then every setting, before the host starts: it would log a failed check with its stack trace.
    app.Services.GetService<IStartupValidator>()?.Validate();
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
