using System.Security.Cryptography;
using System.Text;
using AiCompare.Data;
using AiCompare.Domain;
using AiCompare.Tests.Support;
using AiCompare.Web.Pages.Admin.Accounts;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace AiCompare.Tests.Web.Hosting.HostileInput;

/// <summary>One route of the app, its URL with real values from the seeded catalog.</summary>
public sealed record SiteRoute(string Template, string Url, IReadOnlyList<string> Parameters)
{
    public bool IsAdmin => Url.StartsWith("/admin", StringComparison.Ordinal);

    /// <summary>The URL with every route parameter set to <paramref name="value"/> (already URL-encoded).</summary>
    public string With(string value) => HostileSite.UrlFor(Template, _ => value);
}

/// <summary>
/// The site for the hostile-input suite: the shipped catalog, an admin account, the public POST limits
/// lifted (so a case reaches the form read rather than the rate limiter), and every route the app maps.
/// </summary>
public sealed class HostileSite : IDisposable
{
    public const string AdminEmail = "admin@example.com";
    private const string Password = "correct horse battery staple";

    // Tables that hold what readers, editors and subscribers put in. Left out: DataProtectionKey and
    // SiteSecret (created on first use by design) and Readiness (the readiness probe's own write). The audit
    // log's export entries are left out too: a GET of /admin/export is a read, audited by design.
    private static readonly string[] Tables =
    [
        "Tool", "Review", "Critic", "Category", "SlugRedirect", "VerdictHistory", "Vote", "VoteTally",
        "Subscriber", "Digest", "DigestSend", "Editor", "AuditLog",
    ];

    private readonly SiteFactory _factory = SiteFactory.WithSettings(new Dictionary<string, string>
    {
        ["Votes:PerMinutePerAddress"] = "1000000",
        ["Newsletter:SignupsPerMinutePerAddress"] = "1000000",
    });

    public HostileSite()
    {
        _ = _factory.Server;
        var hash = _factory.Services.GetRequiredService<EditorPasswords>().Hash(Password);
        _factory.Services.GetRequiredService<EditorRepository>().CreateAsync(AdminEmail, "admin", hash, EditorRole.Admin, actorId: null).GetAwaiter().GetResult();
        using var connection = SuiteDatabase.Open(_factory.ConnectionString);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT Id FROM Tool WHERE Slug = 'smolvlm2'";
        ToolId = Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        Routes = [.. EnumerateRoutes()];
    }

    public long ToolId { get; }

    /// <summary>Every route endpoint the app maps (Razor pages and minimal-API endpoints), sign-out last.</summary>
    public IReadOnlyList<SiteRoute> Routes { get; }

    public System.Collections.Concurrent.ConcurrentQueue<string> Logs => _factory.Logs;

    /// <summary>An anonymous browser-like client with the antiforgery cookie and its form token.</summary>
    public async Task<(HttpClient Client, string Token)> AnonymousAsync()
    {
        var client = NewClient();
        return (client, await TokenAsync(client, "/admin/login"));
    }

    /// <summary>An admin signed in through the real login form, with a form token for that session.</summary>
    public async Task<(HttpClient Client, string Token)> AdminAsync()
    {
        var client = NewClient();
        using var response = await client.SubmitAsync("/admin/login", "form[data-test=login-form]", new Dictionary<string, string?>
        {
            ["Email"] = AdminEmail,
            ["Password"] = Password,
        });
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        return (client, await TokenAsync(client, "/admin/account"));
    }

    /// <summary>Row counts and a checksum of every row of the tables that matter.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100", Justification = "Table names come from the constant list above, never from input.")]
    public string Snapshot()
    {
        var text = new StringBuilder();
        using var connection = SuiteDatabase.Open(_factory.ConnectionString);
        foreach (var table in Tables)
        {
            using var command = connection.CreateCommand();
            command.CommandText = table == "AuditLog"
                ? "SELECT * FROM AuditLog WHERE Action NOT IN ('catalog.export', 'subscriber.export')"
                : $"SELECT * FROM {table}";
            using var reader = command.ExecuteReader();
            var rows = new List<string>();
            while (reader.Read())
            {
                var row = new StringBuilder();
                for (var i = 0; i < reader.FieldCount; i++) row.Append(reader.IsDBNull(i) ? "\u2400" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)).Append('\u241f');
                rows.Add(row.ToString());
            }
            // Sorted here: some tables have no rowid to order by.
            rows.Sort(StringComparer.Ordinal);
            var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u241e', rows))))[..16];
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"{table}: {rows.Count} rows, {hash}\n");
        }
        return text.ToString();
    }

    public void Dispose() => _factory.Dispose();

    /// <summary>A route template with each parameter filled by <paramref name="valueOf"/>.</summary>
    public static string UrlFor(string template, Func<string, string> valueOf)
    {
        var pattern = RoutePatternFactory.Parse(template);
        var path = new StringBuilder();
        foreach (var segment in pattern.PathSegments)
        {
            path.Append('/');
            foreach (var part in segment.Parts)
            {
                path.Append(part switch
                {
                    RoutePatternLiteralPart literal => literal.Content,
                    RoutePatternParameterPart parameter => valueOf(parameter.Name),
                    RoutePatternSeparatorPart separator => separator.Content,
                    _ => throw new InvalidOperationException(template),
                });
            }
        }
        return path.Length == 0 ? "/" : path.ToString();
    }

    private IEnumerable<SiteRoute> EnumerateRoutes()
    {
        var endpoints = _factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();
        var templates = endpoints
            .Select(e => "/" + (e.RoutePattern.RawText ?? "").TrimStart('/'))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .OrderBy(t => t.Equals("/admin/logout", StringComparison.OrdinalIgnoreCase) ? 1 : 0)
            .ThenBy(t => t, StringComparer.Ordinal);
        foreach (var template in templates)
        {
            var parameters = RoutePatternFactory.Parse(template).Parameters.Select(p => p.Name).ToList();
            yield return new SiteRoute(template, UrlFor(template, name => RealValue(template, name)), parameters);
        }
    }

    /// <summary>A value from the shipped catalog for a route parameter; a new route needs a line here.</summary>
    private string RealValue(string template, string parameter) => (parameter.ToLowerInvariant(), template) switch
    {
        ("slug", _) when template.Contains("critics", StringComparison.OrdinalIgnoreCase) => "builder",
        ("slug", _) when template.Contains("categories", StringComparison.OrdinalIgnoreCase) => "developer-tools",
        ("slug", _) => "smolvlm2",
        ("pair", _) => "smolvlm2-vs-mistral-code",
        ("id", _) => ToolId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ("file", _) => "smolvlm2.svg",
        ("weekof", _) => "2026-01-05",
        ("n", _) => "1",
        ("code", _) => "404",
        ("path", _) => "no-such-endpoint",
        _ => throw new InvalidOperationException($"No catalog value for {{{parameter}}} in {template}: add one to HostileSite.RealValue."),
    };

    private HttpClient NewClient() => _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    private static async Task<string> TokenAsync(HttpClient client, string page)
    {
        var html = await client.GetStringAsync(page);
        return new HtmlParser().ParseDocument(html).QuerySelector($"input[name={HostileBodies.TokenField}]")?.GetAttribute("value")
            ?? throw new InvalidOperationException($"No antiforgery token on {page}");
    }
}
