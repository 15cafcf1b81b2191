using System.Text;
using System.Text.RegularExpressions;

namespace AiCompare.Tests.Support;

/// <summary>A sent email read back from an .eml file or an mbox message: headers and decoded parts.</summary>
public sealed record Eml(IReadOnlyDictionary<string, string> Headers, IReadOnlyList<(string ContentType, string Body)> Parts)
{
    public string To => Headers.GetValueOrDefault("To", "");

    public string Subject => Headers.GetValueOrDefault("Subject", "");

    public string Text => Parts.First(p => p.ContentType.StartsWith("text/plain", StringComparison.Ordinal)).Body;

    public string Html => Parts.First(p => p.ContentType.StartsWith("text/html", StringComparison.Ordinal)).Body;

    /// <summary>The path and query of the first link to <paramref name="path"/> in the text part.</summary>
    public string Link(string path)
    {
        var match = Regex.Match(Text, "https?://[^/\\s]+(" + Regex.Escape(path) + "[^\\s]*)");
        Assert.True(match.Success, $"no link to {path} in:\n{Text}");
        return match.Groups[1].Value;
    }

    public static IReadOnlyList<Eml> ReadAll(string directory) =>
        Directory.Exists(directory)
            ? Directory.EnumerateFiles(directory, "*.eml").OrderBy(File.GetLastWriteTimeUtc).ThenBy(f => f, StringComparer.Ordinal).Select(f => Parse(File.ReadAllText(f))).ToList()
            : [];

    public static Eml Parse(string raw)
    {
        raw = raw.Replace("\r\n", "\n", StringComparison.Ordinal);
        var (headers, body) = Split(raw);
        var parts = new List<(string, string)>();
        var type = headers.GetValueOrDefault("Content-Type", "text/plain");
        var boundary = Regex.Match(type, "boundary=\"?([^\";]+)\"?").Groups[1].Value;
        if (boundary.Length == 0)
        {
            parts.Add((type, Decode(body, headers.GetValueOrDefault("Content-Transfer-Encoding", ""))));
        }
        else
        {
            foreach (var chunk in body.Split("--" + boundary).Skip(1))
            {
                if (chunk.StartsWith("--", StringComparison.Ordinal)) break;
                var (partHeaders, partBody) = Split(chunk.TrimStart('\n'));
                parts.Add((partHeaders.GetValueOrDefault("Content-Type", "text/plain"), Decode(partBody, partHeaders.GetValueOrDefault("Content-Transfer-Encoding", ""))));
            }
        }
        return new Eml(headers, parts);
    }

    private static (Dictionary<string, string> Headers, string Body) Split(string text)
    {
        var end = text.IndexOf("\n\n", StringComparison.Ordinal);
        var head = end < 0 ? text : text[..end];
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        string? last = null;
        foreach (var line in head.Split('\n'))
        {
            if (line.Length > 0 && (line[0] == ' ' || line[0] == '\t') && last is not null)
            {
                headers[last] += " " + line.Trim();
                continue;
            }
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0) continue;
            last = line[..colon];
            headers[last] = line[(colon + 1)..].Trim();
        }
        return (headers, end < 0 ? "" : text[(end + 2)..]);
    }

    private static string Decode(string body, string encoding)
    {
        if (encoding.Equals("base64", StringComparison.OrdinalIgnoreCase))
            return Encoding.UTF8.GetString(Convert.FromBase64String(string.Concat(body.Split('\n').Select(l => l.Trim()))));
        if (encoding.Equals("quoted-printable", StringComparison.OrdinalIgnoreCase))
        {
            var joined = Regex.Replace(body, "=\n", "");
            var bytes = new List<byte>();
            for (var i = 0; i < joined.Length; i++)
            {
                if (joined[i] == '=' && i + 2 < joined.Length && Uri.IsHexDigit(joined[i + 1]) && Uri.IsHexDigit(joined[i + 2]))
                {
                    bytes.Add(Convert.ToByte(joined.Substring(i + 1, 2), 16));
                    i += 2;
                }
                else
                {
                    bytes.AddRange(Encoding.UTF8.GetBytes(joined[i].ToString()));
                }
            }
            return Encoding.UTF8.GetString(bytes.ToArray());
        }
        return body;
    }
}
