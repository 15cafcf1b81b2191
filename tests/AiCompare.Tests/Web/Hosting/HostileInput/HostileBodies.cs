using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;

namespace AiCompare.Tests.Web.Hosting.HostileInput;

/// <summary>
/// Bodies a hostile client sends. With an antiforgery token, the token travels first, so a page's
/// antiforgery check passes and the body reaches the page itself.
/// </summary>
internal static class HostileBodies
{
    public const string TokenField = "__RequestVerificationToken";

    public static HttpContent ManyFields(int count, string? token = null) =>
        UrlEncoded(Enumerable.Range(0, count).Select(i => $"f{i}=x"), token);

    public static HttpContent OneLongValue(int length, string? token = null) =>
        UrlEncoded(["q=" + new string('a', length)], token);

    public static HttpContent BrokenMultipart(string? token = null)
    {
        // A part header cut short and a boundary that never closes.
        var tokenPart = token is null ? "" : $"--xyz\r\nContent-Disposition: form-data; name=\"{TokenField}\"\r\n\r\n{token}\r\n";
        var content = new StringContent(tokenPart + "--xyz\r\nContent-Disposition: form-data; name=\"q\"\r\n\r\nvalue\r\n--xyz\r\nContent-Dispo", Encoding.ASCII);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=xyz");
        return content;
    }

    public static HttpContent MultipartWithoutBoundary()
    {
        var content = new StringContent("--xyz\r\n\r\n", Encoding.ASCII);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data");
        return content;
    }

    public static HttpContent MultipartFile(int length, string? token = null)
    {
        var multipart = new MultipartFormDataContent("b0undary");
        if (token is not null) multipart.Add(new StringContent(token), TokenField);
        multipart.Add(new ByteArrayContent(new byte[length]), "file", "big.bin");
        return multipart;
    }

    /// <summary>Fields that are not what any form expects: control characters, invalid UTF-8, a %00.</summary>
    public static HttpContent JunkFields(string? token = null) =>
        UrlEncoded(["Email=%00%FF%FE", "Password=%C3%28", "ReturnUrl=/e%00", "return=/%0d%0aX:y", "verdict=%00", "email=a%00@b", "id=%FF", "q=%00"], token);

    private static StringContent UrlEncoded(IEnumerable<string> pairs, string? token)
    {
        var fields = token is null ? pairs : pairs.Prepend($"{TokenField}={Uri.EscapeDataString(token)}");
        return new StringContent(string.Join('&', fields), Encoding.ASCII, "application/x-www-form-urlencoded");
    }

    /// <summary>No stack trace frame and no exception type name in what a client is sent.</summary>
    public static void AssertNoStackTrace(string body) => Assert.Null(StackTraceIn(body));

    public static string? StackTraceIn(string body) =>
        StackTrace.Match(body) is { Success: true } match ? match.Value : null;

    // "   at Namespace.Type.Method(" frames, and names like InvalidOperationException or System.IO.IOException.
    private static readonly Regex StackTrace = new(@"\bat [\w.`<>]+\.[\w`<>]+\(|\b\w*Exception\b", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
}
