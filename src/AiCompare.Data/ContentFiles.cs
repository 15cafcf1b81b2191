using System.Globalization;
using System.Text;
using AiCompare.Domain;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace AiCompare.Data;

/// <summary>A problem found in one content file: printed as <c>file: field: message</c>.</summary>
public sealed record ImportProblem(string File, string Field, string Message)
{
    public override string ToString() => $"{File}: {Field}: {Message}";
}

/// <summary>
/// Reads <c>content/</c> files (YAML front matter, then Markdown) into drafts. It only parses: the
/// rules live in <see cref="ContentRules"/>.
/// </summary>
public static class ContentFiles
{
    public const long MaxFileBytes = 1_000_000;

    private static readonly string[] ToolKeys = ["name", "tagline", "category", "vendor", "website", "reviewed", "best_for", "published", "publish_at", "old_slugs", "pricing", "reviews"];
    private static readonly string[] PricingKeys = ["entry", "summary", "input_per_mtok", "output_per_mtok"];
    private static readonly string[] ReviewKeys = ["critic", "score", "verdict", "quote", "reviewed"];
    private static readonly string[] CriticKeys = ["name", "label", "role", "motto", "order", "excited_about", "tired_of"];

    public static (ToolDraft? Draft, List<ImportProblem> Problems) ReadTool(string path, string displayName)
    {
        var problems = new List<ImportProblem>();
        var root = Load(path, displayName, problems, out var body);
        if (root is null) return (null, problems);
        var f = new Fields(root, displayName, "", problems);
        f.RejectUnknown(ToolKeys);
        var pricing = f.Mapping("pricing");
        var pf = new Fields(pricing, displayName, "pricing.", problems);
        if (pricing is not null) pf.RejectUnknown(PricingKeys);
        var reviews = new List<ReviewDraft>();
        var sequence = f.Sequence("reviews");
        if (sequence is not null)
        {
            var i = 0;
            foreach (var item in sequence.Children)
            {
                i++;
                var prefix = string.Create(CultureInfo.InvariantCulture, $"reviews[{i}]");
                if (item is not YamlMappingNode review)
                {
                    problems.Add(new(displayName, prefix, "must be a mapping with critic, score, verdict and quote"));
                    continue;
                }
                var rf = new Fields(review, displayName, prefix + ".", problems);
                rf.RejectUnknown(ReviewKeys);
                reviews.Add(new ReviewDraft(rf.Text("critic"), rf.Text("score"), rf.Text("verdict"), rf.Text("quote"), rf.Text("reviewed")));
            }
        }
        var draft = new ToolDraft(
            SlugOf(path), f.Text("name"), f.Text("tagline"), f.Text("category"), f.Text("vendor"), f.Text("website"),
            f.Text("reviewed"), f.Text("best_for"), pf.Text("entry"), pf.Text("summary"),
            pf.Text("input_per_mtok"), pf.Text("output_per_mtok"), reviews, body, f.Text("published"))
        {
            PublishAt = f.Text("publish_at"),
            OldSlugs = f.TextList("old_slugs"),
        };
        if (pricing is null && problems.All(p => p.Field != "pricing"))
            problems.Add(new(displayName, "pricing", "is required (entry and summary)"));
        return (draft, problems);
    }

    public static (CriticDraft? Draft, List<ImportProblem> Problems) ReadCritic(string path, string displayName)
    {
        var problems = new List<ImportProblem>();
        var root = Load(path, displayName, problems, out var body);
        if (root is null) return (null, problems);
        var f = new Fields(root, displayName, "", problems);
        f.RejectUnknown(CriticKeys);
        var draft = new CriticDraft(
            SlugOf(path), f.Text("name"), f.Text("label"), f.Text("role"), f.Text("motto"), f.Text("order"),
            f.TextList("excited_about"), f.TextList("tired_of"), body);
        return (draft, problems);
    }

    /// <summary>The slug is the file name without <c>.md</c>.</summary>
    public static string SlugOf(string path) => Path.GetFileNameWithoutExtension(path);

    /// <summary>Splits a file into its front matter (parsed) and Markdown body.</summary>
    private static YamlMappingNode? Load(string path, string displayName, List<ImportProblem> problems, out string body)
    {
        body = "";
        string text;
        try
        {
            if (new FileInfo(path).Length > MaxFileBytes)
            {
                problems.Add(new(displayName, "file", string.Create(CultureInfo.InvariantCulture, $"is larger than {MaxFileBytes} bytes")));
                return null;
            }
            text = File.ReadAllText(path, new UTF8Encoding(false, throwOnInvalidBytes: true));
        }
        catch (DecoderFallbackException)
        {
            problems.Add(new(displayName, "file", "is not valid UTF-8 text"));
            return null;
        }
        catch (IOException e)
        {
            problems.Add(new(displayName, "file", "cannot be read: " + e.Message));
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            problems.Add(new(displayName, "file", "cannot be read: permission denied"));
            return null;
        }

        text = text.TrimStart('\uFEFF').Replace("\r\n", "\n", StringComparison.Ordinal);
        var lines = text.Split('\n');
        if (lines.Length == 0 || lines[0].TrimEnd() != "---")
        {
            problems.Add(new(displayName, "front matter", "the file must start with a '---' line, then YAML, then a closing '---' line"));
            return null;
        }
        var close = Array.FindIndex(lines, 1, l => l.TrimEnd() is "---" or "...");
        if (close < 0)
        {
            problems.Add(new(displayName, "front matter", "no closing '---' line after the YAML"));
            return null;
        }
        var yaml = string.Join('\n', lines[1..close]);
        body = string.Join('\n', lines[(close + 1)..]).Trim();

        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            // +1: the YAML starts on the line after the opening '---'.
            var line = e.Start.Line + 1;
            var message = (e.InnerException?.Message ?? e.Message).Trim();
            problems.Add(new(displayName, "yaml", string.Create(CultureInfo.InvariantCulture, $"syntax error at line {line}: {message}")));
            return null;
        }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            problems.Add(new(displayName, "front matter", "must be a YAML mapping of fields (name: …)"));
            return null;
        }
        return root;
    }

    /// <summary>Typed access to one YAML mapping, recording a problem for each wrong shape.</summary>
    private sealed class Fields(YamlMappingNode? node, string file, string prefix, List<ImportProblem> problems)
    {
        public void RejectUnknown(string[] known)
        {
            if (node is null) return;
            foreach (var key in node.Children.Keys)
            {
                var name = (key as YamlScalarNode)?.Value ?? "?";
                if (!known.Contains(name, StringComparer.Ordinal))
                    problems.Add(new(file, prefix + name, "unknown field (known: " + string.Join(", ", known) + ")"));
            }
        }

        public string? Text(string key)
        {
            var value = Get(key);
            switch (value)
            {
                case null:
                    return null;
                case YamlScalarNode scalar when IsNull(scalar):
                    return null;
                case YamlScalarNode scalar:
                    return scalar.Value;
                default:
                    problems.Add(new(file, prefix + key, "must be a single value, not a list or mapping"));
                    return null;
            }
        }

        public IReadOnlyList<string> TextList(string key)
        {
            var value = Get(key);
            if (value is null || (value is YamlScalarNode s && IsNull(s))) return [];
            if (value is not YamlSequenceNode sequence)
            {
                problems.Add(new(file, prefix + key, "must be a list, like [\"one\", \"two\"]"));
                return [];
            }
            var items = new List<string>();
            var i = 0;
            foreach (var item in sequence.Children)
            {
                i++;
                if (item is YamlScalarNode scalar && !IsNull(scalar)) items.Add(scalar.Value ?? "");
                else problems.Add(new(file, string.Create(CultureInfo.InvariantCulture, $"{prefix}{key}[{i}]"), "must be text"));
            }
            return items;
        }

        public YamlMappingNode? Mapping(string key)
        {
            var value = Get(key);
            if (value is null || (value is YamlScalarNode s && IsNull(s))) return null;
            if (value is YamlMappingNode mapping) return mapping;
            problems.Add(new(file, prefix + key, "must be a mapping of fields"));
            return null;
        }

        public YamlSequenceNode? Sequence(string key)
        {
            var value = Get(key);
            if (value is null || (value is YamlScalarNode s && IsNull(s))) return null;
            if (value is YamlSequenceNode sequence) return sequence;
            problems.Add(new(file, prefix + key, "must be a list"));
            return null;
        }

        private YamlNode? Get(string key) =>
            node is not null && node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

        private static bool IsNull(YamlScalarNode scalar) =>
            scalar.Style == ScalarStyle.Plain && scalar.Value is null or "" or "~" or "null" or "Null" or "NULL";
    }
}
