using System.Text;

namespace AiCompare.Tests.Support;

/// <summary>Writes content/ files in the documented format, for import and page tests.</summary>
public sealed class ContentBuilder
{
    public ContentBuilder(string root)
    {
        Root = root;
        Directory.CreateDirectory(Path.Combine(root, "reviewers"));
        Directory.CreateDirectory(Path.Combine(root, "tools"));
    }

    public string Root { get; }

    /// <summary>The four-critic panel of the seed content.</summary>
    public ContentBuilder WithPanel()
    {
        Critic("builder", "The Builder", "Builder", 1);
        Critic("skeptic", "The Skeptic", "Skeptic", 2);
        Critic("futurist", "The Futurist", "Futurist", 3);
        Critic("founder", "The Founder", "Founder", 4);
        return this;
    }

    public ContentBuilder Critic(string slug, string name, string label, int order, string bio = "How this critic thinks.")
    {
        Raw($"reviewers/{slug}.md", $"""
            ---
            name: {Yaml(name)}
            label: {Yaml(label)}
            role: Test role
            motto: Test motto.
            order: {order}
            excited_about: ["small primitives"]
            tired_of: ["waitlists"]
            ---
            {bio}
            """);
        return this;
    }

    /// <summary>A tool; <paramref name="reviews"/> are (critic, score, verdict, quote).</summary>
    public ContentBuilder Tool(
        string slug,
        string name,
        string category = "Developer Tools",
        string entry = "free",
        string summary = "Free",
        string? tagline = null,
        string? input = null,
        string? output = null,
        string? vendor = null,
        string? reviewed = "2026-04-01",
        string description = "A tool.",
        params (string Critic, int Score, string Verdict, string Quote)[] reviews)
    {
        var sb = new StringBuilder();
        sb.Append("---\n");
        sb.Append("name: ").Append(Yaml(name)).Append('\n');
        sb.Append("tagline: ").Append(Yaml(tagline ?? name + " tagline")).Append('\n');
        sb.Append("category: ").Append(Yaml(category)).Append('\n');
        if (vendor is not null) sb.Append("vendor: ").Append(Yaml(vendor)).Append('\n');
        if (reviewed is not null) sb.Append("reviewed: ").Append(reviewed).Append('\n');
        sb.Append("pricing:\n  entry: ").Append(entry).Append("\n  summary: ").Append(Yaml(summary)).Append('\n');
        if (input is not null) sb.Append("  input_per_mtok: ").Append(input).Append('\n');
        if (output is not null) sb.Append("  output_per_mtok: ").Append(output).Append('\n');
        if (reviews.Length > 0)
        {
            sb.Append("reviews:\n");
            foreach (var (critic, score, verdict, quote) in reviews)
            {
                sb.Append("  - critic: ").Append(critic).Append('\n')
                  .Append("    score: ").Append(score).Append('\n')
                  .Append("    verdict: ").Append(verdict).Append('\n')
                  .Append("    quote: ").Append(Yaml(quote)).Append('\n');
            }
        }
        sb.Append("---\n").Append(description).Append('\n');
        Raw($"tools/{slug}.md", sb.ToString());
        return this;
    }

    public ContentBuilder Raw(string relativePath, string text)
    {
        var path = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text.Replace("\r\n", "\n", StringComparison.Ordinal));
        return this;
    }

    /// <summary>A double-quoted YAML scalar.</summary>
    public static string Yaml(string value) => AiCompare.Data.ContentExporter.Quote(value);
}
