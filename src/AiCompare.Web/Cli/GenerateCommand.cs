using AiCompare.Data;

namespace AiCompare.Web.Cli;

/// <summary><c>generate --tools N [--seed S]</c>: adds synthetic tools for load tests and benchmarks.</summary>
public static class GenerateCommand
{
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        int? tools = null;
        var seed = 42;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--tools" && i + 1 < args.Length && int.TryParse(args[i + 1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n is > 0 and <= 5_000_000)
            {
                tools = n;
                i++;
            }
            else if (args[i] == "--seed" && i + 1 < args.Length && int.TryParse(args[i + 1], System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var s))
            {
                seed = s;
                i++;
            }
            else
            {
                tools = null;
                break;
            }
        }
        if (tools is null)
        {
            await stderr.WriteLineAsync("usage: generate --tools N [--seed S]   (N from 1 to 5,000,000)");
            return 2;
        }
        await using var app = CommandLine.BuildServices();
        var db = app.Services.GetRequiredService<Db>();
        app.Services.GetRequiredService<Migrator>().Migrate();
        var started = System.Diagnostics.Stopwatch.StartNew();
        var added = new CatalogGenerator(db).Generate(tools.Value, seed, done =>
            stderr.Write(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"\rGenerating tools: {done:N0} / {tools.Value:N0} ({started.Elapsed.TotalSeconds:0.0} s)")));
        await stderr.WriteLineAsync();
        await stdout.WriteLineAsync(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"Added {added:N0} synthetic tools to {db.DataSource} in {started.Elapsed.TotalSeconds:0.0} s ({tools.Value - added:N0} already there)."));
        return 0;
    }
}
