using AiCompare.Data;
using AiCompare.Domain;
using AiCompare.Web.Admin;

namespace AiCompare.Web;

/// <summary>
/// Command-line verbs of the site's executable, e.g. <c>dotnet run --project src/AiCompare.Web -- import content</c>.
/// They read the same configuration as the site (appsettings, environment variables).
/// </summary>
public static class Cli
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
                return await AddEditorAsync(args[1..], stdout, stderr, stdin);
            case "generate":
                return await GenerateAsync(args[1..], stdout, stderr);
            case "import" when args.Length == 2:
                return await ImportAsync(args[1], stdout, stderr);
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

    private static async Task<int> ImportAsync(string directory, TextWriter stdout, TextWriter stderr)
    {
        await using var app = BuildServices();
        var db = app.Services.GetRequiredService<Db>();
        app.Services.GetRequiredService<Migrator>().Migrate();
        var result = app.Services.GetRequiredService<ContentImporter>().Import(directory);
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

    private static async Task<int> GenerateAsync(string[] args, TextWriter stdout, TextWriter stderr)
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
        await using var app = BuildServices();
        var db = app.Services.GetRequiredService<Db>();
        app.Services.GetRequiredService<Migrator>().Migrate();
        var started = System.Diagnostics.Stopwatch.StartNew();
        var added = new CatalogGenerator(db).Generate(tools.Value, seed, done =>
            stderr.Write(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"\rGenerating tools: {done:N0} / {tools.Value:N0} ({started.Elapsed.TotalSeconds:0.0} s)")));
        await stderr.WriteLineAsync();
        await stdout.WriteLineAsync(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"Added {added:N0} synthetic tools to {db.DataSource} in {started.Elapsed.TotalSeconds:0.0} s ({tools.Value - added:N0} already there)."));
        return 0;
    }

    private static async Task<int> AddEditorAsync(string[] args, TextWriter stdout, TextWriter stderr, TextReader? stdin)
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

        await using var app = BuildServices();
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

    private static WebApplication BuildServices()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [] });
        builder.AddAiCompare();
        return builder.Build();
    }
}
