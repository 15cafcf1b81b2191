using System.Globalization;
using System.Net;
using AiCompare.Tests.Support;
using AiCompare.Web.Caching;
using AiCompare.Web.Pages.Newsletter;
using Dapper;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace AiCompare.Tests.Web.Hosting;

/// <summary>
/// <c>/metrics</c> scraped as Prometheus does, asserting that the numbers move when the site does the
/// thing they count. The test server has no client address, so these hosts see every request as coming
/// from 127.0.0.1; who may scrape is tested on a real process (<see cref="MetricsAccessTests"/>).
/// </summary>
public sealed class MetricsTests
{
    private const string Page = "/compare/mercury-edit-2-vs-smolvlm2";

    [Fact]
    public async Task PageMissThenHit_MovesMissesHitsBytesAndEntries()
    {
        using var site = new MetricsSite();
        var client = site.Client();
        var before = await Scrape.ReadAsync(client);

        using (var miss = await client.GetAsync(Page)) Assert.Equal(HttpStatusCode.OK, miss.StatusCode);
        var afterMiss = await Scrape.ReadAsync(client);
        using (var hit = await client.GetAsync(Page)) Assert.Equal(HttpStatusCode.OK, hit.StatusCode);
        var afterHit = await Scrape.ReadAsync(client);
        // A request is timed as it ends, which can be after its client has read the answer (the page
        // cache stores a page after sending it): scraped again until the miss is there, 10 s at most.
        for (var until = DateTime.UtcNow.AddSeconds(10); afterHit.Sum("http_server_request_duration_seconds_count", ("http_route", "/compare/{pair}")) == 0 && DateTime.UtcNow < until;)
        {
            await Task.Delay(50);
            afterHit = await Scrape.ReadAsync(client);
        }

        Assert.Equal(before.Sum("aicompare_page_cache_misses_total") + 1, afterMiss.Sum("aicompare_page_cache_misses_total"));
        Assert.Equal(before.Sum("aicompare_page_cache_hits_total"), afterMiss.Sum("aicompare_page_cache_hits_total"));
        Assert.Equal(afterMiss.Sum("aicompare_page_cache_hits_total") + 1, afterHit.Sum("aicompare_page_cache_hits_total"));
        Assert.Equal(afterMiss.Sum("aicompare_page_cache_misses_total"), afterHit.Sum("aicompare_page_cache_misses_total"));
        Assert.Equal(before.Sum("aicompare_page_cache_entries") + 1, afterMiss.Sum("aicompare_page_cache_entries"));
        Assert.True(afterMiss.Sum("aicompare_page_cache_size_bytes") > before.Sum("aicompare_page_cache_size_bytes") + 1000, "the stored page's bytes are counted");
        // The miss went through routing and is timed under its route; the hit (and each scrape) is not timed at all.
        Assert.Equal(1, afterHit.Sum("http_server_request_duration_seconds_count", ("http_route", "/compare/{pair}")));
        Assert.Equal(0, afterHit.SumWithout("http_server_request_duration_seconds_count", "http_route"));
    }

    [Fact]
    public async Task Eviction_IsCounted()
    {
        using var site = new MetricsSite();
        var client = site.Client();
        using (await client.GetAsync(Page)) { }
        var before = await Scrape.ReadAsync(client);

        site.Services.GetRequiredService<PageCache>().Clear();

        var after = await Scrape.ReadAsync(client);
        Assert.True(before.Sum("aicompare_page_cache_entries") >= 1);
        Assert.Equal(before.Sum("aicompare_page_cache_evictions_total") + before.Sum("aicompare_page_cache_entries"), after.Sum("aicompare_page_cache_evictions_total"));
        Assert.Equal(0, after.Sum("aicompare_page_cache_entries"));
    }

    [Fact]
    public async Task EachHost_CountsOnlyItsOwn()
    {
        using var one = new MetricsSite();
        using var other = new MetricsSite();
        var otherClient = other.Client();
        var before = await Scrape.ReadAsync(otherClient);

        using (await one.Client().GetAsync(Page)) { }
        using (await one.Client().GetAsync(Page)) { }

        var after = await Scrape.ReadAsync(otherClient);
        Assert.Equal(before.Sum("aicompare_page_cache_hits_total"), after.Sum("aicompare_page_cache_hits_total"));
        Assert.Equal(before.Sum("aicompare_page_cache_misses_total"), after.Sum("aicompare_page_cache_misses_total"));
        Assert.True((await Scrape.ReadAsync(one.Client())).Sum("aicompare_page_cache_hits_total") >= 1);
    }

    [Fact]
    public async Task Metrics_AreNoStore_Uncompressed_AndNeverInThePageCache()
    {
        using var site = new MetricsSite();
        var client = site.Client();
        var entries = site.Services.GetRequiredService<PageCache>().Count;

        for (var i = 0; i < 2; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
            // Brotli is what the site's own compression would pick; /metrics never goes through it.
            request.Headers.Add("Accept-Encoding", "br");
            using var response = await client.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
            Assert.Empty(response.Content.Headers.ContentEncoding);
            Assert.Null(response.Headers.Age);
            Assert.Contains("# TYPE aicompare_page_cache_size_bytes gauge", body, StringComparison.Ordinal);
        }
        Assert.Equal(entries, site.Services.GetRequiredService<PageCache>().Count);
    }

    [Fact]
    public async Task Vote_MovesCommitLatencyCount()
    {
        using var site = new MetricsSite();
        var client = site.Client();
        var before = await Scrape.ReadAsync(client);

        using var response = await client.SendAsync(Vote("smolvlm2"));

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        var after = await Scrape.ReadAsync(client);
        Assert.Equal(before.Sum("aicompare_votes_commit_duration_seconds_count") + 1, after.Sum("aicompare_votes_commit_duration_seconds_count"));
        Assert.Equal(before.Sum("aicompare_votes_recorded_total") + 1, after.Sum("aicompare_votes_recorded_total"));
        Assert.True(after.Sum("aicompare_votes_commit_duration_seconds_sum") > 0);
        Assert.True(after.Has("aicompare_votes_queue_length"), after.Text);
    }

    [Fact]
    public async Task HeldWriteLock_FailedVoteIsCountedAsBusy()
    {
        // Microsoft.Data.Sqlite retries a busy statement until its command timeout (30 s unless set).
        using var site = new MetricsSite(connectionOptions: SuiteDatabase.Provider == AiCompare.Data.DatabaseProvider.Sqlite ? ";Default Timeout=2" : "");
        var client = site.Client();
        // A first vote warms up the vote path, so that only the vote under the lock waits.
        using (var first = await client.SendAsync(Vote("mistral-code"))) Assert.Equal(HttpStatusCode.SeeOther, first.StatusCode);
        var before = await Scrape.ReadAsync(client);

        using (SuiteDatabase.HoldWriteLock(site.ConnectionString))
        {
            // The site's writer waits out its busy timeout, then gives up: the vote is not recorded.
            using var response = await client.SendAsync(Vote("smolvlm2"));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        }

        var after = await Scrape.ReadAsync(client);
        Assert.Equal(before.Sum("aicompare_db_write_failures_total", ("cause", "busy")) + 1, after.Sum("aicompare_db_write_failures_total", ("cause", "busy")));
        Assert.Equal(before.Sum("aicompare_votes_commit_duration_seconds_count"), after.Sum("aicompare_votes_commit_duration_seconds_count"));
        Assert.Equal(before.Sum("aicompare_votes_recorded_total"), after.Sum("aicompare_votes_recorded_total"));
    }

    [Fact]
    public async Task SignupEmail_ToThePickupFolder_IsCountedAsSent()
    {
        using var site = new MetricsSite();
        var client = site.Client();
        var before = await Scrape.ReadAsync(client);

        using var response = await Signup(client, "metrics-pickup@example.com");

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Single(Eml.ReadAll(site.Outbox));
        var after = await Scrape.ReadAsync(client);
        Assert.Equal(before.Sum("aicompare_email_sent_total", ("transport", "pickup")) + 1, after.Sum("aicompare_email_sent_total", ("transport", "pickup")));
        Assert.Equal(before.Sum("aicompare_email_failed_total"), after.Sum("aicompare_email_failed_total"));
    }

    [Fact]
    public async Task SignupEmail_ToAClosedSmtpPort_IsCountedAsFailed()
    {
        using var site = new MetricsSite(new Dictionary<string, string>
        {
            ["Email:Smtp:Host"] = "127.0.0.1",
            ["Email:Smtp:Port"] = SiteProcess.FreePort().ToString(CultureInfo.InvariantCulture),
        });
        var client = site.Client();
        var before = await Scrape.ReadAsync(client);

        using var response = await Signup(client, "metrics-smtp@example.com");

        // The reader sees the same answer either way; the failure shows in the metrics.
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        var after = await Scrape.ReadAsync(client);
        Assert.Equal(before.Sum("aicompare_email_failed_total", ("transport", "smtp")) + 1, after.Sum("aicompare_email_failed_total", ("transport", "smtp")));
        Assert.Equal(before.Sum("aicompare_email_sent_total"), after.Sum("aicompare_email_sent_total"));
    }

    [Fact]
    public async Task DigestRuns_AreCountedByOutcome()
    {
        using var site = new MetricsSite();
        var client = site.Client();
        var digests = site.Services.GetRequiredService<Digests>();
        var slot = new DateTimeOffset(2026, 6, 1, 8, 0, 0, TimeSpan.Zero);
        var before = await Scrape.ReadAsync(client);

        await digests.SendAsync(slot);
        using (var connection = SuiteDatabase.Open(site.ConnectionString))
            connection.Execute("INSERT INTO Subscriber (Email, Status, CreatedAt, UpdatedAt) VALUES ('digest-reader@example.com', 'confirmed', '2026-01-01', '2026-01-01')");
        var sent = await digests.SendAsync(slot);
        await digests.SendAsync(slot);

        Assert.Equal("sent", sent.Status);
        var after = await Scrape.ReadAsync(client);
        Assert.Equal(before.Sum("aicompare_digest_runs_total", ("outcome", "nobody")) + 1, after.Sum("aicompare_digest_runs_total", ("outcome", "nobody")));
        Assert.Equal(before.Sum("aicompare_digest_runs_total", ("outcome", "sent")) + 1, after.Sum("aicompare_digest_runs_total", ("outcome", "sent")));
        Assert.Equal(before.Sum("aicompare_digest_runs_total", ("outcome", "already_sent")) + 1, after.Sum("aicompare_digest_runs_total", ("outcome", "already_sent")));
        Assert.Equal(before.Sum("aicompare_email_sent_total") + 1, after.Sum("aicompare_email_sent_total"));
    }

    [Fact]
    public void WriteFailureCause_ComesFromSqlitesOwnError()
    {
        using var temp = new TempDirectory();
        using (var setup = new SqliteConnection(temp.ConnectionString))
        {
            setup.Open();
            setup.Execute("CREATE TABLE T (V TEXT NOT NULL)");
        }

        Assert.Equal("readonly", Cause(temp.ConnectionString + ";Mode=ReadOnly", "INSERT INTO T VALUES ('x')"));
        // A database not allowed to grow past its size fails as a full disk does.
        Assert.Equal("full", Cause(temp.ConnectionString, "PRAGMA max_page_count = 3",
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 50) INSERT INTO T SELECT hex(randomblob(2000)) FROM n"));
        Assert.Equal("other", Cause(temp.ConnectionString, "INSERT INTO T VALUES (NULL)"));
        Assert.Equal("other", AiCompare.Web.Hosting.Metrics.SiteMetrics.CauseOf(new IOException("disk")));
    }

    [Theory]
    [InlineData("55P03", "busy")] // lock_not_available: lock_timeout passed
    [InlineData("40001", "busy")] // serialization_failure
    [InlineData("25006", "readonly")] // read_only_sql_transaction
    [InlineData("53100", "full")] // disk_full
    [InlineData("57P01", "unavailable")] // admin_shutdown
    [InlineData("23502", "other")] // not_null_violation: the request's fault, not the storage's
    public void WriteFailureCause_ComesFromPostgreSqlsSqlState(string sqlState, string cause) =>
        Assert.Equal(cause, AiCompare.Web.Hosting.Metrics.SiteMetrics.CauseOf(new Npgsql.PostgresException("failed", "ERROR", "ERROR", sqlState)));

    /// <summary>The cause label of the error the last of <paramref name="statements"/> raises, run in order on one connection.</summary>
    private static string Cause(string connectionString, params string[] statements)
    {
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        foreach (var sql in statements[..^1]) connection.Execute(sql);
        var error = Assert.Throws<SqliteException>(() => connection.Execute(statements[^1]));
        return AiCompare.Web.Hosting.Metrics.SiteMetrics.CauseOf(error);
    }

    [Theory]
    [InlineData("not-a-network")]
    [InlineData("10.0.0.0/33")]
    [InlineData("::1/129")]
    [InlineData("300.1.2.0/24")]
    public void BadAllowedNetwork_StopsStartWithAMessageNamingIt(string value)
    {
        using var site = SiteFactory.WithSettings(new Dictionary<string, string> { ["Metrics:AllowedNetworks:0"] = value });

        var error = site.StartError();

        Assert.Contains("Metrics:AllowedNetworks:0", error.Message, StringComparison.Ordinal);
        Assert.Contains(value, error.Message, StringComparison.Ordinal);
    }

    private static HttpRequestMessage Vote(string slug)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/votes/" + slug)
        {
            Content = new FormUrlEncodedContent([new KeyValuePair<string, string>("verdict", "ship")]),
        };
        request.Headers.Add("Sec-Fetch-Site", "same-origin");
        request.Headers.Add("Origin", "http://localhost");
        return request;
    }

    private static Task<HttpResponseMessage> Signup(HttpClient client, string email) =>
        client.SubmitAsync("/", "form[data-test=signup-form]", new Dictionary<string, string?>
        {
            ["email"] = email,
            ["t"] = DateTimeOffset.UtcNow.AddSeconds(-30).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
        });

    /// <summary>A <see cref="SiteFactory"/> site whose requests come from 127.0.0.1, as a local Prometheus's would.</summary>
    private sealed class MetricsSite : IDisposable
    {
        private readonly SiteFactory _site;
        private readonly WebApplicationFactory<Program> _local;

        public MetricsSite(IReadOnlyDictionary<string, string>? settings = null, string connectionOptions = "")
        {
            _site = settings is null ? new SiteFactory() : SiteFactory.WithSettings(settings);
            _local = _site.WithWebHostBuilder(b => b
                .UseSetting("ConnectionStrings:AiCompare", _site.ConnectionString + connectionOptions)
                .ConfigureServices(s => s.AddSingleton<IStartupFilter>(new ClientAddressFilter(_ => IPAddress.Loopback))));
        }

        public IServiceProvider Services => _local.Services;

        public string ConnectionString => _site.ConnectionString;

        public string Outbox => _site.Outbox;

        public HttpClient Client() => _local.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        public void Dispose()
        {
            _local.Dispose();
            _site.Dispose();
        }
    }
}

/// <summary>A Prometheus text-format scrape, read as (series, value) lines.</summary>
internal sealed class Scrape(string text)
{
    public string Text { get; } = text;

    public static async Task<Scrape> ReadAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/metrics");
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"/metrics answered {(int)response.StatusCode}: {text}");
        return new Scrape(text);
    }

    /// <summary>Whether any series of the metric is present.</summary>
    public bool Has(string name) => Series(name).Any();

    /// <summary>The sum of the metric's series carrying every one of <paramref name="labels"/> (0 when there are none yet).</summary>
    public double Sum(string name, params (string Name, string Value)[] labels) =>
        Series(name).Where(s => labels.All(l => s.Labels.Contains($"{l.Name}=\"{l.Value}\"", StringComparison.Ordinal))).Sum(s => s.Value);

    /// <summary>The sum of the metric's series that lack the label <paramref name="label"/>.</summary>
    public double SumWithout(string name, string label) =>
        Series(name).Where(s => !s.Labels.Contains(label + "=\"", StringComparison.Ordinal)).Sum(s => s.Value);

    private IEnumerable<(string Labels, double Value)> Series(string name)
    {
        foreach (var line in Text.Split('\n'))
        {
            if (line.Length == 0 || line[0] == '#') continue;
            var space = line.LastIndexOf(' ');
            var series = line[..space];
            var brace = series.IndexOf('{', StringComparison.Ordinal);
            var metric = brace < 0 ? series : series[..brace];
            if (metric != name) continue;
            yield return (brace < 0 ? "" : series[brace..], double.Parse(line[(space + 1)..], CultureInfo.InvariantCulture));
        }
    }
}
