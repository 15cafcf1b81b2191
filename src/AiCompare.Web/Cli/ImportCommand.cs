using AiCompare.Data;

namespace AiCompare.Web.Cli;

/// <summary><c>import &lt;directory&gt;</c>: validates a content folder and imports it in one transaction, or changes nothing.</summary>
public static class ImportCommand
{
    public static async Task<int> RunAsync(string directory, TextWriter stdout, TextWriter stderr)
    {
        await using var app = CommandLine.BuildServices();
        var db = app.Services.GetRequiredService<Db>();
        ImportResult result;
        try
        {
            app.Services.GetRequiredService<Migrator>().Migrate();
            result = app.Services.GetRequiredService<ContentImporter>().Import(directory);
        }
        catch (Exception e) when (StorageFault.Classify(e, db.DataSource) is { } fault)
        {
            await stderr.WriteLineAsync($"Import failed: the database {db.DataSource} could not be written ({StorageFault.Reason(fault)}: {e.GetBaseException().Message}); nothing was changed.");
            return 1;
        }
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
}
