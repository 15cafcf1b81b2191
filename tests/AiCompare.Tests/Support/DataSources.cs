using System.Text.RegularExpressions;

namespace AiCompare.Tests.Support;

/// <summary>
/// Reads the Data project's source to find its write paths: the members that write tables public pages
/// show, and whether each goes through <c>Db.Write</c>/<c>WriteAsync</c> (which makes it announce what changed).
/// </summary>
public static partial class DataSources
{
    /// <summary>Tables that some public page, feed or API response shows.</summary>
    public static readonly string[] PublicTables = ["Tool", "Review", "Critic", "Category", "SlugRedirect", "Vote", "VoteTally", "VerdictHistory", "Digest"];

    public static string Folder => Path.Combine(TestPaths.RepoRoot, "src", "AiCompare.Data");

    /// <summary>Every member of every Data source file: <c>Type.Member</c> (the file's name stands for the type), and its text.</summary>
    public static IReadOnlyList<(string Name, string File, string Text)> Members()
    {
        var members = new List<(string, string, string)>();
        foreach (var path in Directory.EnumerateFiles(Folder, "*.cs", SearchOption.AllDirectories).Where(p => !p.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            var file = Path.GetFileNameWithoutExtension(path);
            var lines = File.ReadAllLines(path);
            string? name = null;
            var start = 0;
            for (var i = 0; i <= lines.Length; i++)
            {
                var match = i < lines.Length ? MemberStart().Match(lines[i]) : null;
                if (i < lines.Length && !match!.Success) continue;
                if (name is not null) members.Add((file + "." + name, file, string.Join('\n', lines[start..i])));
                if (match is not null) (name, start) = (match.Groups["name"].Value, i);
            }
        }
        return members;
    }

    /// <summary>Whether the text writes (INSERT, UPDATE, DELETE) one of <see cref="PublicTables"/>.</summary>
    public static bool WritesPublicTable(string text) => PublicWrite().IsMatch(text);

    /// <summary>Whether the member runs its work through <c>Db.Write</c> or <c>Db.WriteAsync</c>.</summary>
    public static bool GoesThroughWrite(string text) => text.Contains("db.Write(", StringComparison.Ordinal) || text.Contains("db.WriteAsync", StringComparison.Ordinal) || text.Contains("db.Write<", StringComparison.Ordinal);

    /// <summary>Whether the member only runs inside a transaction it is given (a helper of a write).</summary>
    public static bool TakesATransaction(string text) => GivenTransaction().IsMatch(text.Split('\n')[0]);

    // A member declaration at class level: modifiers, a return type, a name, then its parameter list.
    [GeneratedRegex(@"^    (?:public|private|internal|protected)(?: (?:static|async|override|sealed))* [^=;]*? (?<name>\w+)(?:<[^>]*>)?\(")]
    private static partial Regex MemberStart();

    [GeneratedRegex(@"\b(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE|DELETE\s+FROM)\s+(?:Tool|Review|Critic|Category|SlugRedirect|Vote|VoteTally|VerdictHistory|Digest)\b")]
    private static partial Regex PublicWrite();

    [GeneratedRegex(@"(?:IDbTransaction|DbTransaction|SqliteTransaction) tx")]
    private static partial Regex GivenTransaction();
}
