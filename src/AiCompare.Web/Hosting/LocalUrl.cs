namespace AiCompare.Web.Hosting;

/// <summary>
/// The one check for every return or redirect address that comes from a request (a form's <c>return</c>,
/// the sign-in page's <c>ReturnUrl</c>): it must be a path on this site, never another host, and safe to
/// put in a <c>Location</c> header. Browsers forgive a lot (they strip tabs and newlines, read <c>\</c> as
/// <c>/</c>, and some servers decode <c>%2F</c> before redirecting), so the rule is strict: printable ASCII
/// only, one leading <c>/</c>, no backslash, and the same again after percent-decoding. Pages the site links
/// to are already percent-encoded, so a real return path always passes.
/// </summary>
public static class LocalUrl
{
    /// <summary>Longer than any page address the site makes; a longer one is refused, not cut.</summary>
    public const int MaxLength = 2048;

    public static bool IsLocalPath(string? path)
    {
        if (string.IsNullOrEmpty(path) || path.Length > MaxLength) return false;
        foreach (var c in path)
        {
            // No control characters, no whitespace (ASCII or not), no backslash, nothing outside ASCII.
            if (c is <= ' ' or > '~' or '\\') return false;
        }
        if (!StartsWithOneSlash(path)) return false;

        // Decoded as far as it goes (a bounded number of times, so %252F is caught too), the address must
        // still be a plain path: a server or browser that decodes it must not find another host in it.
        var decoded = path;
        for (var i = 0; i < 3 && decoded.Contains('%', StringComparison.Ordinal); i++)
        {
            var next = Uri.UnescapeDataString(decoded);
            if (next == decoded) break;
            decoded = next;
        }
        foreach (var c in decoded)
        {
            if (char.IsControl(c) || char.IsWhiteSpace(c) || c == '\\') return false;
        }
        var pathPart = decoded.AsSpan(0, decoded.IndexOf('?') is var q and >= 0 ? q : decoded.Length);
        return StartsWithOneSlash(decoded) && !pathPart.Contains("//", StringComparison.Ordinal);
    }

    /// <summary>The address when it is a local path (under <paramref name="under"/> when given), else the fallback.</summary>
    public static string OrDefault(string? path, string fallback, string? under = null) =>
        IsLocalPath(path) && (under is null || IsUnder(path!, under)) ? path! : fallback;

    private static bool StartsWithOneSlash(string path) =>
        path[0] == '/' && (path.Length == 1 || path[1] is not ('/' or '\\'));

    // "/admin" itself, or "/admin/…", "/admin?…": not "/administrator".
    private static bool IsUnder(string path, string prefix) =>
        path.StartsWith(prefix, StringComparison.Ordinal) && (path.Length == prefix.Length || path[prefix.Length] is '/' or '?' or '#');
}
