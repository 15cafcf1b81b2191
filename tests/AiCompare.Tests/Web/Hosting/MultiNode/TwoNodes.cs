using System.Globalization;
using System.Net;
using AiCompare.Data;
using AiCompare.Domain;
using AiCompare.Tests.Support;
using AiCompare.Web.Pages.Admin.Accounts;
using Dapper;

namespace AiCompare.Tests.Web.Hosting.MultiNode;

/// <summary>
/// Two published nodes as real processes on one PostgreSQL database, behind Debian's nginx running the
/// documented configuration with both as round-robin upstreams. The database is migrated first and holds
/// an admin and three confirmed subscribers before the nodes start; both nodes run the digest scheduler
/// every second, share one address-hash key and one email pickup folder. Nothing starts without
/// PostgreSQL or nginx (the tests skip then, except under CI).
/// </summary>
public sealed class TwoNodes : IAsyncLifetime
{
    public const string AdminEmail = "nodes-admin@example.com";
    public static readonly string[] Subscribers = ["one@example.com", "two@example.com", "three@example.com"];

    private readonly TempDirectory _temp = new();
    private PublishedSite? _published;

    public SiteProcess A { get; private set; } = null!;

    public SiteProcess B { get; private set; } = null!;

    public NginxProxy Nginx { get; private set; } = null!;

    public string ConnectionString { get; private set; } = "";

    public string Outbox => _temp.Combine("outbox");

    public string Output => $"--- node A ---\n{A?.Output}\n--- node B ---\n{B?.Output}\n--- nginx error log ---\n{Nginx?.ErrorLog}";

    public static bool Available => PostgresServer.Available && NginxFactAttribute.Available;

    public async Task InitializeAsync()
    {
        if (!Available) return;
        _published = new PublishedSite();
        ConnectionString = await (await PostgresServer.Instance).CreateDatabaseAsync();
        using (var db = new Db(ConnectionString))
        {
            new Migrator(db).Migrate();
            await new EditorRepository(db).CreateAsync(AdminEmail, "nodes admin", new EditorPasswords().Hash(AdminSite.Password), EditorRole.Admin, actorId: null);
            using var connection = db.Open();
            foreach (var email in Subscribers)
            {
                connection.Execute("INSERT INTO Subscriber (Email, Status, CreatedAt, UpdatedAt) VALUES (@Email, 'confirmed', '2026-01-01', '2026-01-01')", new { Email = email });
            }
        }
        var keyFile = _temp.Combine("address-hash.key");
        await File.WriteAllTextAsync(keyFile, Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)));
        var httpsPort = SiteProcess.FreePort();
        var httpPort = SiteProcess.FreePort();
        string[] settings =
        [
            "--ForwardedHeaders:KnownProxies:0=127.0.0.1",
            $"--Site:BaseUrl=https://localhost:{httpsPort}",
            $"--Security:AddressHashKeyFile={keyFile}",
            $"--Email:PickupDirectory={Outbox}",
            "--Newsletter:SchedulerEnabled=true",
            "--Newsletter:SchedulerIntervalSeconds=1",
            "--Votes:PerAddressCap=1000000",
            "--Votes:PerMinutePerAddress=1000000",
            "--Serilog:MinimumLevel:Default=Warning",
        ];
        // Each node in a folder of its own, as on its own machine; started together, as a deployment does.
        Directory.CreateDirectory(_temp.Combine("a"));
        Directory.CreateDirectory(_temp.Combine("b"));
        var a = SiteProcess.StartAsync(_published.Dll, _temp.Combine("a"), ConnectionString, settings);
        var b = SiteProcess.StartAsync(_published.Dll, _temp.Combine("b"), ConnectionString, settings);
        A = await a;
        B = await b;
        Nginx = await NginxProxy.StartAsync(httpsPort, httpPort, [A.Address, B.Address]);
    }

    /// <summary>A client of nginx from <paramref name="from"/> (127.x), optionally keeping cookies.</summary>
    public HttpClient ThroughNginx(string from = "127.0.0.2", CookieContainer? cookies = null) => Nginx.Client(IPAddress.Parse(from), cookies);

    /// <summary>A client of one node directly, keeping cookies in <paramref name="cookies"/> when given.</summary>
    public static HttpClient Direct(SiteProcess node, CookieContainer? cookies = null) =>
        new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = cookies is not null, CookieContainer = cookies ?? new CookieContainer() })
        {
            BaseAddress = node.Address,
            Timeout = TimeSpan.FromSeconds(20),
        };

    /// <summary>A vote as a browser posts it to <paramref name="origin"/>'s site.</summary>
    public static HttpRequestMessage Vote(string slug, string verdict, Uri origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/votes/{slug}") { Content = new FormUrlEncodedContent([new("verdict", verdict)]) };
        request.Headers.Add("Origin", origin.GetLeftPart(UriPartial.Authority));
        request.Headers.Add("Sec-Fetch-Site", "same-origin");
        return request;
    }

    public static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    public Task DisposeAsync()
    {
        Nginx?.Dispose();
        A?.Dispose();
        B?.Dispose();
        _published?.Dispose();
        _temp.Dispose();
        return Task.CompletedTask;
    }
}

/// <summary>A test of several nodes: needs Debian's PostgreSQL and nginx; skipped without them, never in CI.</summary>
public sealed class MultiNodeFactAttribute : FactAttribute
{
    public MultiNodeFactAttribute()
    {
        if (!TwoNodes.Available && Environment.GetEnvironmentVariable("CI") is null)
            Skip = "Needs Debian's postgresql, nginx and openssl (CI installs them and runs this test).";
    }
}
