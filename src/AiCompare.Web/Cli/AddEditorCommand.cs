using AiCompare.Data;
using AiCompare.Domain;
using AiCompare.Web.Pages.Admin.Accounts;

namespace AiCompare.Web.Cli;

/// <summary><c>add-editor &lt;email&gt; [--admin] [--name "…"]</c>: creates an editor account, the password read from standard input or a masked prompt.</summary>
public static class AddEditorCommand
{
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, TextReader? stdin)
    {
        string? email = null, name = null;
        var admin = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--admin": admin = true; break;
                case "--name" when i + 1 < args.Length: name = args[++i]; break;
                case var a when !a.StartsWith("--", StringComparison.Ordinal) && email is null: email = a; break;
                default:
                    await stderr.WriteLineAsync($"add-editor: unexpected argument '{args[i]}'");
                    await stderr.WriteLineAsync("usage: add-editor <email> [--admin] [--name \"Display Name\"]");
                    return 2;
            }
        }
        var normalised = AccountRules.NormaliseEmail(email);
        if (normalised is null)
        {
            await stderr.WriteLineAsync(email is null
                ? "usage: add-editor <email> [--admin] [--name \"Display Name\"]"
                : $"add-editor: '{email}' is not a valid email address");
            return 2;
        }

        var password = ReadPassword(stdin, stdout);
        if (AccountRules.PasswordProblem(password) is { } problem)
        {
            await stderr.WriteLineAsync("add-editor: password: " + problem);
            return 2;
        }

        await using var app = CommandLine.BuildServices();
        app.Services.GetRequiredService<Migrator>().Migrate();
        var hash = app.Services.GetRequiredService<EditorPasswords>().Hash(password!);
        var role = admin ? EditorRole.Admin : EditorRole.Editor;
        var displayName = string.IsNullOrWhiteSpace(name) ? normalised[..normalised.IndexOf('@', StringComparison.Ordinal)] : name.Trim();
        var id = await app.Services.GetRequiredService<EditorRepository>().CreateAsync(normalised, displayName, hash, role, actorId: null);
        if (id is null)
        {
            await stderr.WriteLineAsync($"add-editor: an editor with the address {normalised} already exists; nothing was changed.");
            return 1;
        }
        await stdout.WriteLineAsync($"Created {AccountRules.Token(role)} #{id} {normalised}. Sign in at /admin/login.");
        return 0;
    }

    /// <summary>Standard input when it is redirected (one line); otherwise a masked prompt, asked twice.</summary>
    private static string? ReadPassword(TextReader? stdin, TextWriter stdout)
    {
        if (stdin is not null || Console.IsInputRedirected) return (stdin ?? Console.In).ReadLine();
        stdout.Write("Password (at least 12 characters): ");
        var first = ReadMasked();
        stdout.Write("Repeat the password: ");
        var second = ReadMasked();
        return first == second ? first : "";

        static string ReadMasked()
        {
            var chars = new List<char>();
            while (true)
            {
                var key = Console.ReadKey(intercept: true);
                if (key.Key == ConsoleKey.Enter) break;
                if (key.Key == ConsoleKey.Backspace) { if (chars.Count > 0) chars.RemoveAt(chars.Count - 1); continue; }
                if (!char.IsControl(key.KeyChar)) chars.Add(key.KeyChar);
            }
            Console.WriteLine();
            return new string(chars.ToArray());
        }
    }
}
