using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting.Display;

namespace AiCompare.Tests.Support;

/// <summary>
/// The real site over a real database of its own, seeded from a content folder (the shipped one by
/// default): a SQLite file, or, when the suite runs on PostgreSQL (<see cref="SuiteDatabase"/>), a new
/// database on the test run's cluster. Runs as Production so error pages are the ones readers see.
/// </summary>
public sealed class SiteFactory : WebApplicationFactory<Program>
{
    private readonly TempDirectory _temp;
    private readonly string _connectionString;
    private bool _ownsTemp;
    private readonly string _contentPath;
    private readonly Dictionary<string, string> _settings = new(StringComparer.Ordinal)
    {
        // Tests sign in often from one address; the limiter itself is tested with a low limit.
        ["Admin:LoginAttemptsPerMinute"] = "10000",
        // Tests run the digest themselves; the schedule's own loop stays off.
        ["Newsletter:SchedulerEnabled"] = "false",
        // Inline socket completions are process-wide: a browser test's Kestrel would turn them on for the whole
        // test process (its PostgreSQL clients included). Inline scheduling is tested in published sites, a
        // process each (InlineSchedulingTests, the storage-fault and reverse-proxy tests).
        ["Server:InlineScheduling"] = "false",
    };

    public SiteFactory() : this(TestPaths.Content, null)
    {
    }

    private SiteFactory(string contentPath, IReadOnlyDictionary<string, string>? settings, TempDirectory? temp = null, string? connectionString = null)
    {
        _temp = temp ?? new TempDirectory();
        _ownsTemp = temp is null;
        _connectionString = connectionString ?? SuiteDatabase.NewConnectionString(_temp);
        _contentPath = contentPath;
        _settings["Email:PickupDirectory"] = Outbox;
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) _settings[key] = value;
        // On PostgreSQL the key is a setting (no database file to keep it beside): a file of the site's own.
        if (AiCompare.Data.Db.ProviderOf(_connectionString) == AiCompare.Data.DatabaseProvider.PostgreSql
            && !_settings.ContainsKey("Security:AddressHashKey") && !_settings.ContainsKey("Security:AddressHashKeyFile"))
        {
            var keyFile = _temp.Combine("address-hash.key");
            if (!File.Exists(keyFile)) File.WriteAllText(keyFile, Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)));
            _settings["Security:AddressHashKeyFile"] = keyFile;
        }
    }

    /// <summary>A site on a new database of the run's PostgreSQL cluster, whichever database the suite runs on.</summary>
    public static SiteFactory OnPostgreSql(IReadOnlyDictionary<string, string>? settings = null) =>
        new(TestPaths.Content, settings, connectionString: PostgresServer.Instance.GetAwaiter().GetResult().CreateDatabaseAsync().GetAwaiter().GetResult());

    /// <summary>
    /// The error these settings stop the site's start with. In a process of its own the site prints it as one
    /// line and exits 1 (<c>SettingsProblem</c>, tested in <c>SettingsStartupProblemTests</c>); in this test host
    /// its Main then returns without starting, so the host's own start-up check is asked here. Fails the test
    /// when the site starts, or when the error is one the published site would print as a stack trace.
    /// </summary>
    public Exception StartError()
    {
        try
        {
            _ = Server;
            Services.GetRequiredService<Microsoft.Extensions.Options.IStartupValidator>().Validate();
        }
        catch (Exception e)
        {
            // Whatever a setting stops the start with, the published site says it in one line, not a stack trace.
            Assert.StartsWith("AiCompare cannot start: ", AiCompare.Web.Hosting.SettingsProblem.Describe(e) ?? e.ToString(), StringComparison.Ordinal);
            return e;
        }
        throw new Xunit.Sdk.XunitException("The site started with these settings.");
    }

    /// <summary>A site on a database given by its connection string (which outlives the site).</summary>
    public static SiteFactory OnDatabase(string connectionString) => new(TestPaths.Content, null, connectionString: connectionString);

    /// <summary>A site on a SQLite file of its own, whichever database the suite runs on.</summary>
    public static SiteFactory OnSqlite()
    {
        var temp = new TempDirectory();
        return new(TestPaths.Content, null, temp, temp.ConnectionString) { _ownsTemp = true };
    }

    /// <summary>
    /// Another node beside this one: the same database, folders and settings, running at the same time.
    /// This factory keeps its folder, so dispose the other node first.
    /// </summary>
    public SiteFactory AnotherNode() => new(_contentPath, _settings, _temp, _connectionString);

    /// <summary>A site seeded from another content folder.</summary>
    public static SiteFactory WithContent(string contentPath) => new(contentPath, null);

    /// <summary>A site with extra configuration settings.</summary>
    public static SiteFactory WithSettings(IReadOnlyDictionary<string, string> settings) => new(TestPaths.Content, settings);

    /// <summary>
    /// A second process on this site's database file and folders, as after a restart or beside another
    /// instance. The folder becomes the new factory's to delete, so this one may be disposed first.
    /// </summary>
    public SiteFactory Restarted(IReadOnlyDictionary<string, string>? settings = null)
    {
        var next = new SiteFactory(_contentPath, settings, _temp, _connectionString) { _ownsTemp = _ownsTemp };
        _ownsTemp = false;
        return next;
    }

    public string DatabaseFile => _temp.DatabaseFile;

    /// <summary>Where emails land as .eml files (no SMTP host is configured in tests unless one asks).</summary>
    public string Outbox => _temp.Combine("outbox");

    /// <summary>Every log line the app wrote, formatted, for tests of what logs may and may not contain.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<string> Logs { get; } = new();

    public string ConnectionString => _connectionString;

    /// <summary>This factory, for creating clients with other options.</summary>
    public SiteFactory Factory() => this;

    /// <summary>A client that does not follow redirects, so tests see 301s as they are.</summary>
    public HttpClient Client() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("ConnectionStrings:AiCompare", _connectionString);
        builder.UseSetting("Content:Path", _contentPath);
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
        builder.ConfigureServices(services => services.AddSingleton<ILogEventSink>(new CapturingSink(Logs)));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && _ownsTemp) _temp.Dispose();
    }
}

/// <summary>
/// Keeps log lines in memory as "Level Category: message", the message rendered as the console shows
/// it. The site's Serilog logger picks up sinks registered as services, after its own level settings.
/// </summary>
public sealed class CapturingSink(System.Collections.Concurrent.ConcurrentQueue<string> lines) : ILogEventSink
{
    private static readonly MessageTemplateTextFormatter Format = new("{Level} {SourceContext:l}: {Message:lj}");

    public void Emit(LogEvent logEvent)
    {
        if (logEvent.Level < LogEventLevel.Information) return;
        using var line = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        Format.Format(logEvent, line);
        lines.Enqueue(line.ToString());
    }
}

/// <summary>Fetching and parsing pages with AngleSharp.</summary>
public static class Html
{
    private static readonly HtmlParser Parser = new();

    /// <summary>The response body as text, decompressed when it was sent with Brotli or gzip.</summary>
    public static async Task<string> ReadDecodedAsync(this HttpResponseMessage response)
    {
        var stream = await response.Content.ReadAsStreamAsync();
        Stream decoded = response.Content.Headers.ContentEncoding.SingleOrDefault() switch
        {
            "br" => new System.IO.Compression.BrotliStream(stream, System.IO.Compression.CompressionMode.Decompress),
            "gzip" => new System.IO.Compression.GZipStream(stream, System.IO.Compression.CompressionMode.Decompress),
            null => stream,
            var other => throw new InvalidOperationException($"Unexpected Content-Encoding '{other}'."),
        };
        using var reader = new StreamReader(decoded);
        return await reader.ReadToEndAsync();
    }

    public static async Task<IDocument> GetDocumentAsync(this HttpClient client, string url, int expectedStatus = 200)
    {
        using var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == expectedStatus, $"GET {url}: expected {expectedStatus}, got {(int)response.StatusCode}\n{body[..Math.Min(body.Length, 2000)]}");
        return await Parser.ParseDocumentAsync(body);
    }

    public static IDocument Parse(string html) => Parser.ParseDocument(html);

    /// <summary>The only scripts a page may carry are the site's own files (site.js; picker.js on the picker): nothing inline, nothing injected.</summary>
    public static void AssertNoInjectedScript(this IDocument doc)
    {
        foreach (var script in doc.QuerySelectorAll("script"))
        {
            if (script.GetAttribute("type") == "application/ld+json")
            {
                // Structured data, never executed: it must be valid JSON with no raw markup inside.
                using var json = System.Text.Json.JsonDocument.Parse(script.TextContent);
                Assert.DoesNotContain("<", script.TextContent, StringComparison.Ordinal);
                continue;
            }
            Assert.Matches(@"^/js/(site|picker)\.js(\?|$)", script.GetAttribute("src") ?? "");
            Assert.True(string.IsNullOrWhiteSpace(script.TextContent), "inline script: " + script.TextContent);
        }
    }

    public static string Text(this IElement element) => Normalise(element.TextContent);

    public static string Normalise(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    public static IElement One(this IParentNode node, string selector) =>
        node.QuerySelector(selector) ?? throw new Xunit.Sdk.XunitException($"No element matches '{selector}'.");
}
