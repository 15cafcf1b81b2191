using AiCompare.Tests.Support;

namespace AiCompare.Tests.Web.Hosting;

/// <summary>
/// The published site started with a setting it cannot use (not of the setting's type, out of range, a key too
/// short) says which setting and why in one line and exits 1, as for a database it cannot use: never a stack trace,
/// never the value of a text setting (it may be a secret).
/// </summary>
public sealed class SettingsStartupProblemTests(PublishedSite published) : IClassFixture<PublishedSite>, IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("Caching__Pages", "maybe", "the setting Caching:Pages is 'maybe', which is not true or false.")]
    [InlineData("Server__InlineScheduling", "yes", "the setting Server:InlineScheduling is 'yes', which is not true or false.")]
    [InlineData("Database__LockTimeoutSeconds", "ten", "the setting Database:LockTimeoutSeconds is 'ten', which is not a whole number.")]
    [InlineData("Database__LockTimeoutSeconds", "-5", "the setting Database:LockTimeoutSeconds is not valid: The field LockTimeoutSeconds must be between 1 and 60.")]
    [InlineData("Caching__Store", "Disk", "the setting Caching:Store is 'Disk', which is not one of PageCache, OutputCache.")]
    [InlineData("Votes__PerAddressCap", "0", "Votes:PerAddressCap must be at least 1.")]
    [InlineData("Votes__PerMinutePerAddress", "99999999999", "the setting Votes:PerMinutePerAddress is '99999999999', which is not a whole number.")]
    public async Task BadSetting_OneLineNamingIt_ExitCode1_NoStack(string variable, string value, string message)
    {
        var (code, stdout, stderr) = await RunAsync(variable, value);

        Assert.Equal(1, code);
        Assert.Equal("AiCompare cannot start: " + message, stderr.Trim());
        Assert.DoesNotContain("   at ", stdout + stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", stdout + stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ATextSettingThatFailsItsCheck_IsNamed_ItsValueNeverPrinted()
    {
        var (code, stdout, stderr) = await RunAsync("Security__AddressHashKey", "s3cr3t-but-short");

        Assert.Equal(1, code);
        Assert.StartsWith("AiCompare cannot start: Security:AddressHashKey must be at least 32 characters", stderr.Trim(), StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t", stdout + stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stdout + stderr, StringComparison.Ordinal);
    }

    private Task<(int Code, string Stdout, string Stderr)> RunAsync(string variable, string value)
    {
        var start = VerbProcess.Start(published.Dll, _temp.Path, $"Data Source={_temp.Combine("site.db")}", "--urls", "http://127.0.0.1:0");
        start.Environment[variable] = value;
        return VerbProcess.RunAsync(start);
    }
}
