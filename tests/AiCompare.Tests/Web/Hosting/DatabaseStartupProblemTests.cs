using AiCompare.Tests.Support;

namespace AiCompare.Tests.Web.Hosting;

/// <summary>
/// The published site started on a database it cannot use says so in one line and exits 1, as a
/// supervisor expects: never a stack trace, never the password.
/// </summary>
public sealed class DatabaseStartupProblemTests(PublishedSite published) : IClassFixture<PublishedSite>, IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task PostgreSqlServerUnreachable_OneLine_NoStack_NoPassword()
    {
        // Port 1 on loopback: nothing listens there.
        var start = VerbProcess.Start(published.Dll, _temp.Path, "Host=127.0.0.1;Port=1;Username=site;Password=s3cret;Database=aicompare;Timeout=2");
        start.Environment["Security__AddressHashKey"] = new string('k', 40);
        var (code, stdout, stderr) = await VerbProcess.RunAsync(start);

        Assert.Equal(1, code);
        Assert.Contains("AiCompare cannot start: the PostgreSQL database 127.0.0.1:1/aicompare cannot be used", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stdout + stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", stdout + stderr, StringComparison.Ordinal);
    }

    [PostgresFact]
    public async Task PostgreSqlWithoutAnAddressHashKey_NamesTheSettings()
    {
        var database = await (await PostgresServer.Instance).CreateDatabaseAsync();
        var (code, stdout, stderr) = await VerbProcess.RunAsync(VerbProcess.Start(published.Dll, _temp.Path, database));

        Assert.NotEqual(0, code);
        Assert.Contains("Security:AddressHashKey or Security:AddressHashKeyFile", stdout + stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Pooling=False", "names no database")]
    [InlineData("Host=db;Data Source=site.db", "both a server")]
    public async Task UnclearConnectionString_OneLineSayingWhatWasExpected(string connectionString, string message)
    {
        var (code, stdout, stderr) = await VerbProcess.RunAsync(VerbProcess.Start(published.Dll, _temp.Path, connectionString));

        Assert.Equal(1, code);
        Assert.Contains("AiCompare cannot start: ConnectionStrings:AiCompare:", stderr, StringComparison.Ordinal);
        Assert.Contains(message, stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stdout + stderr, StringComparison.Ordinal);
    }
}
