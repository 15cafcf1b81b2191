using AiCompare.Data;
using AiCompare.Domain;

namespace AiCompare.Web.Cli;

/// <summary><c>unlock-editor &lt;email&gt;</c>: clears every sign-in failure and throttled address of an account.</summary>
public static class UnlockEditorCommand
{
    private const string Usage = "usage: unlock-editor <email>";

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Length != 1 || args[0].StartsWith("--", StringComparison.Ordinal))
        {
            await stderr.WriteLineAsync(Usage);
            return 2;
        }
        var email = AccountRules.NormaliseEmail(args[0]);
        if (email is null)
        {
            await stderr.WriteLineAsync($"unlock-editor: '{args[0]}' is not a valid email address");
            return 2;
        }

        await using var app = CommandLine.BuildServices();
        app.Services.GetRequiredService<Migrator>().Migrate();
        var cleared = await app.Services.GetRequiredService<EditorRepository>().UnlockAsync(email, actorId: null);
        if (cleared is not { } c)
        {
            await stderr.WriteLineAsync($"unlock-editor: no editor has the address {email}; nothing was changed.");
            return 1;
        }
        await stdout.WriteLineAsync(c.Addresses == 0 && c.Failures == 0
            ? $"{email} had no sign-in failures or paused addresses; nothing to clear."
            : $"Unlocked {email}: cleared {c.Failures} recorded failure(s) and {c.Addresses} paused or failing address(es). Every address may sign in again now.");
        return 0;
    }
}
