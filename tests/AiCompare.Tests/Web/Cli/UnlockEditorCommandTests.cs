using System.Net;
using AiCompare.Data;
using AiCompare.Tests.Support;
using AiCompare.Tests.Web.Pages.Admin;

namespace AiCompare.Tests.Web.Cli;

/// <summary><c>unlock-editor</c>, run as a real process on the database of a running site.</summary>
public sealed class UnlockEditorCommandTests(SignInSite site) : IClassFixture<SignInSite>
{
    [Fact]
    public async Task UnlockEditor_PausedAccount_ClearsItAndPrintsWhatItDid()
    {
        const string email = "unlock-me@example.com";
        var id = await site.CreateEditorAsync(email);
        const string address = "198.51.100.150";
        for (var i = 0; i < SignInThrottle.FreeFailures; i++) await site.SignInAsync(address, email, "wrong password " + i);
        Assert.Equal(HttpStatusCode.BadRequest, await site.SignInAsync(address, email, SignInSite.Password));

        var (code, stdout, stderr) = await RunAsync("unlock-editor", "  Unlock-Me@Example.com ");

        Assert.True(code == 0, stderr);
        Assert.Contains($"Unlocked {email}: cleared {SignInThrottle.FreeFailures} recorded failure(s) and 1 paused or failing address(es).", stdout, StringComparison.Ordinal);
        Assert.Equal(0, await site.QueryAsync<long>("SELECT COUNT(*) FROM SignInFailure WHERE EditorId = @id", new { id }));
        Assert.Equal("editor.unlock", await site.QueryAsync<string>("SELECT Action FROM AuditLog WHERE Subject = @s ORDER BY Id DESC LIMIT 1", new { s = $"editor #{id}" }));
        Assert.Equal(HttpStatusCode.Redirect, await site.SignInAsync(address, email, SignInSite.Password));

        var (again, nothing, _) = await RunAsync("unlock-editor", email);
        Assert.Equal(0, again);
        Assert.Contains("nothing to clear", nothing, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnlockEditor_UnknownAccount_ExitsOne()
    {
        var (code, _, stderr) = await RunAsync("unlock-editor", "nobody-here@example.com");

        Assert.Equal(1, code);
        Assert.Contains("no editor has the address nobody-here@example.com; nothing was changed.", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData]
    [InlineData("not-an-email")]
    [InlineData("a@example.com", "b@example.com")]
    [InlineData("--force")]
    public async Task UnlockEditor_BadUsage_ExitsTwo(params string[] args)
    {
        var (code, _, stderr) = await RunAsync(["unlock-editor", .. args]);

        Assert.Equal(2, code);
        Assert.False(string.IsNullOrWhiteSpace(stderr));
    }

    private Task<(int Code, string Stdout, string Stderr)> RunAsync(params string[] args) =>
        VerbProcess.RunAsync(VerbProcess.Start(Path.Combine(AppContext.BaseDirectory, "AiCompare.Web.dll"), Path.GetTempPath(), site.ConnectionString, args));
}
