using AiCompare.Tests.Support;
using AiCompare.Web.Hosting;

namespace AiCompare.Tests.Web.Hosting.HostileInput;

/// <summary>
/// Every route the app maps (from its EndpointDataSource, not a hand list), anonymous and, for /admin
/// routes, signed in as an admin with a valid antiforgery token, against one kind of hostile input per
/// test. Whatever the input: no 5xx, no stack trace or exception name in the answer, no error log line,
/// and nothing stored changed. The test server enforces no Kestrel limits and normalises no request
/// line: KestrelLimitTests covers those on a real server.
/// </summary>
public sealed class HostileInputTests(HostileSite site) : IClassFixture<HostileSite>
{
    private static readonly string[] Methods = ["GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "BREW"];

    // Query parameters the site reads (search, paging, return addresses, tokens), all hostile.
    private const string HostileQuery = "?q=%00%FF&page=%FF&p=%00&ReturnUrl=/e%00&return=/e%00&token=%C3%28&id=%00&email=%FF%FE&status=%00&notice=%C0%AF&handler=%00";

    [Fact]
    public async Task Routes_AreEnumeratedFromTheApp()
    {
        var templates = site.Routes.Select(r => r.Template).ToList();

        // A sample of each kind, so a broken enumeration cannot pass the suite vacuously.
        Assert.Contains("/tools/{slug}", templates, StringComparer.OrdinalIgnoreCase);
        Assert.Contains("/votes/{slug}", templates, StringComparer.OrdinalIgnoreCase);
        Assert.Contains("/api/v1/compare/{pair}", templates, StringComparer.OrdinalIgnoreCase);
        Assert.Contains(templates, t => t.StartsWith("/admin/tools/edit/", StringComparison.OrdinalIgnoreCase));
        Assert.True(templates.Count >= 40, string.Join('\n', templates));
    }

    [Fact]
    public Task EveryMethod_OnEveryRoute_NoServerError() =>
        RunAsync((route, token) => Methods.Select(method => new Case(method, route.Url, method is "GET" or "HEAD" or "OPTIONS" or "TRACE" ? null : () => HostileBodies.JunkFields(token))));

    [Fact]
    public Task NulAndInvalidUtf8_InPathAndQuery_NoServerError() =>
        RunAsync((route, _) =>
        {
            var cases = new List<Case> { new("GET", route.Url + HostileQuery, null), new("GET", route.Url + "/%00", null), new("GET", route.Url + "/%FF%FE", null) };
            if (route.Parameters.Count > 0)
            {
                foreach (var value in (string[])["%00", "a%00b", "%FF", "%C3%28", "%ED%A0%80", "%2e%2e%2f%2e%2e%2f", "%0d%0aX-Injected:1"])
                {
                    cases.Add(new("GET", route.With(value), null));
                    cases.Add(new("POST", route.With(value) + HostileQuery, () => HostileBodies.JunkFields()));
                }
            }
            return cases;
        });

    [Fact]
    public Task EightKilobyteSlug_NoServerError() =>
        RunAsync((route, token) => route.Parameters.Count == 0
            ? [new("GET", route.Url + "?q=" + new string('a', 8 * 1024), null)]
            : [new("GET", route.With(new string('a', 8 * 1024)), null), new("POST", route.With(new string('a', 8 * 1024)), () => HostileBodies.JunkFields(token))]);

    [Fact]
    public Task ManyFields_NoServerError() =>
        RunAsync((route, token) => [new("POST", route.Url, () => HostileBodies.ManyFields(1_030, token))]);

    [Fact]
    public Task BrokenMultipart_NoServerError() =>
        RunAsync((route, token) => [new("POST", route.Url, () => HostileBodies.BrokenMultipart(token)), new("POST", route.Url, HostileBodies.MultipartWithoutBoundary)]);

    [Fact]
    public Task OversizeForms_NoServerError() =>
        RunAsync((route, token) =>
        [
            new("POST", route.Url, () => HostileBodies.OneLongValue(RequestLimits.MaxFormValueBytes + 1, token)),
            new("POST", route.Url, () => HostileBodies.MultipartFile(RequestLimits.MaxRequestBodyBytes + 1, token)),
        ]);

    private sealed record Case(string Method, string Url, Func<HttpContent>? Body);

    private async Task RunAsync(Func<SiteRoute, string, IEnumerable<Case>> casesFor)
    {
        var before = site.Snapshot();
        var logsBefore = site.Logs.Count;
        var failures = new List<string>();
        var requests = 0;

        var (anonymous, anonymousToken) = await site.AnonymousAsync();
        foreach (var route in site.Routes)
        {
            foreach (var c in casesFor(route, anonymousToken)) failures.AddRange(await SendAsync(anonymous, c, "anonymous", () => requests++));
        }
        var (admin, adminToken) = await site.AdminAsync();
        foreach (var route in site.Routes.Where(r => r.IsAdmin))
        {
            foreach (var c in casesFor(route, adminToken)) failures.AddRange(await SendAsync(admin, c, "admin", () => requests++));
        }

        var errors = site.Logs.Skip(logsBefore).Where(l => l.StartsWith("Error", StringComparison.Ordinal) || l.StartsWith("Fatal", StringComparison.Ordinal)).ToList();
        Assert.True(failures.Count == 0 && errors.Count == 0,
            $"{failures.Count} of {requests} requests failed:\n{string.Join('\n', failures.Take(40))}\n\nError log lines:\n{string.Join('\n', errors.Take(10))}");
        Assert.Equal(before, site.Snapshot());
    }

    private static async Task<IEnumerable<string>> SendAsync(HttpClient client, Case c, string who, Action counted)
    {
        counted();
        using var request = new HttpRequestMessage(new HttpMethod(c.Method), new Uri(c.Url, UriKind.Relative));
        if (c.Body is not null) request.Content = c.Body();
        HttpResponseMessage sent;
        try
        {
            sent = await client.SendAsync(request);
        }
        catch (Exception ex) when (ex is UriFormatException || ex.Message == "The path contains null characters.")
        {
            // HttpClient will not build some of these URLs, and the test server, like Kestrel, refuses a
            // NUL in the path before the app sees it. KestrelLimitTests sends those as raw request lines.
            return [];
        }
        using var response = sent;
        var body = await response.ReadDecodedAsync();
        var status = (int)response.StatusCode;
        var problems = new List<string>();
        var label = $"{who} {c.Method} {Shorten(c.Url)} ({Describe(request.Content)})";
        if (status >= 500) problems.Add($"{label} answered {status}");
        if (HostileBodies.StackTraceIn(body) is { } marker) problems.Add($"{label} answered {status} showing '{marker}'");
        return problems;
    }

    private static string Shorten(string url) => url.Length > 120 ? url[..100] + $"…({url.Length} chars)" : url;

    private static string Describe(HttpContent? content) => content is null
        ? "no body"
        : $"{content.Headers.ContentType?.MediaType}, {content.Headers.ContentLength?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"} bytes";
}
