using System.Net;
using AiCompare.Tests.Support;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AiCompare.Tests.Web.Hosting;

public sealed class StartupTests
{
    [Fact]
    public async Task Restart_NeverOverwritesWhatIsInTheDatabase()
    {
        using var temp = new TempDirectory();
        var settings = new Dictionary<string, string> { ["ConnectionStrings:AiCompare"] = temp.ConnectionString };
        using (var first = SiteFactory.WithSettings(settings))
        {
            Assert.Equal(HttpStatusCode.OK, (await first.Client().GetAsync("/tools/smolvlm2")).StatusCode);
        }
        await using (var connection = new SqliteConnection(temp.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "UPDATE Tool SET Name = 'Edited In The Database' WHERE Slug = 'smolvlm2'";
            await command.ExecuteNonQueryAsync();
        }

        using var second = SiteFactory.WithSettings(settings);
        var doc = await second.Client().GetDocumentAsync("/tools/smolvlm2");

        Assert.Equal("Edited In The Database", doc.One("h1").Text());
    }

    [Fact]
    public async Task EmptyDatabaseWithBrokenContent_StartsAndLogsEveryProblem()
    {
        using var content = new TempDirectory();
        new ContentBuilder(content.Path).WithPanel().Tool("bad", "Bad", entry: "cheap");
        using var site = SiteFactory.WithContent(content.Path);

        using var response = await site.Client().GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(site.Logs, l => l.Contains("tools/bad.md: pricing.entry: 'cheap' is not one of free, freemium, paid", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    public void PageCacheSizeBelowOneMegabyte_StopsStartWithWhatToSet(string megabytes)
    {
        using var site = SiteFactory.WithSettings(new Dictionary<string, string> { ["Caching:SizeLimitMB"] = megabytes });

        var error = Assert.IsType<OptionsValidationException>(site.StartError());

        Assert.Contains($"Caching:SizeLimitMB must be at least 1 (got {megabytes})", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Newsletter:DigestDay", "Funday")]
    [InlineData("Newsletter:DigestDay", "8")]
    [InlineData("Newsletter:DigestTimeUtc", "25:00")]
    [InlineData("Newsletter:DigestTimeUtc", "soon")]
    [InlineData("Newsletter:SchedulerIntervalSeconds", "0")]
    [InlineData("Newsletter:SignupsPerMinutePerAddress", "0")]
    [InlineData("Votes:PerAddressCap", "0")]
    [InlineData("Votes:PerMinutePerAddress", "-1")]
    [InlineData("Admin:LoginAttemptsPerMinute", "0")]
    [InlineData("Catalog:CachedTools", "10")]
    [InlineData("Caching:Pages", "sometimes")]
    [InlineData("Email:Smtp:Port", "70000")]
    [InlineData("Newsletter:From", "not an address")]
    [InlineData("Email:PickupDirectory", "")]
    public void BadSetting_StopsStartWithAMessageNamingIt(string setting, string value)
    {
        using var site = SiteFactory.WithSettings(new Dictionary<string, string> { [setting] = value });

        var error = site.StartError();

        // A value that is not even of the setting's type fails binding (InvalidOperationException); one that
        // is but breaks a rule fails validation (OptionsValidationException). Both name the setting.
        Assert.True(error is OptionsValidationException or InvalidOperationException, error.GetType().FullName);
        Assert.Contains(setting, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PageCacheSize_IsNotChecked_WhenThePageCacheIsOff()
    {
        // The error above tells the reader to switch the cache off; doing so must then be enough.
        using var site = SiteFactory.WithSettings(new Dictionary<string, string> { ["Caching:SizeLimitMB"] = "0", ["Caching:Pages"] = "false" });

        using var response = await site.Client().GetAsync("/");

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Requests_AreLoggedOneLineEachWithoutQueryStrings()
    {
        using var site = new SiteFactory();

        await site.Client().GetAsync("/compare/nope-vs-smolvlm2?email=someone%40example.com");

        var line = Assert.Single(site.Logs, l => l.Contains("HTTP GET /compare/nope-vs-smolvlm2", StringComparison.Ordinal));
        Assert.Matches(@"HTTP GET /compare/nope-vs-smolvlm2 responded 404 in \d+(\.\d)? ms", line);
        Assert.DoesNotContain(site.Logs, l => l.Contains("someone", StringComparison.Ordinal));
    }
}

/// <summary>
/// The sign-in cookie is read for /admin only. The authentication middleware runs for every request
/// the page cache does not answer, but authenticates nobody by default: only the admin pages'
/// authorization policies name the cookie scheme. (Authentication that every request paid for, cached
/// pages included, is what this guards against: WebApplication puts its own UseAuthentication first
/// when the app does not call it.)
/// </summary>
public sealed class AuthenticationScopeTests : IDisposable
{
    private readonly SiteFactory _site = new();

    [Theory]
    [InlineData("/", false)]
    [InlineData("/compare/mistral-medium-3-vs-smolvlm2-2b", false)]
    [InlineData("/tools/smolvlm2", false)]
    [InlineData("/admin/login", true)]
    [InlineData("/admin/tools", true)]
    public async Task CookieHandlerRunsOnlyUnderAdmin(string path, bool expected)
    {
        var asked = new System.Collections.Concurrent.ConcurrentDictionary<string, bool>();
        using var factory = _site.WithWebHostBuilder(b => b.ConfigureServices(s =>
            s.AddScoped<IAuthenticationHandlerProvider>(sp => new RecordingHandlers(sp.GetRequiredService<IAuthenticationSchemeProvider>(), asked))));
        using var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        // Sent everywhere, as if a client ignored the cookie's Path: public pages must still not read it.
        request.Headers.Add("Cookie", "aic_admin=not-a-real-ticket");

        using var response = await client.SendAsync(request);

        Assert.True((int)response.StatusCode < 400, $"{path}: {(int)response.StatusCode}");
        Assert.Equal(expected, asked.ContainsKey(path));
    }

    [Fact]
    public async Task CachedPage_NeverReachesAuthentication()
    {
        var seen = new System.Collections.Concurrent.ConcurrentQueue<bool>();
        using var factory = _site.WithWebHostBuilder(b => b.ConfigureServices(s =>
            s.AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter>(new RecordAuthentication(seen))));
        using var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var miss = await client.GetAsync("/tools/smolvlm2");
        using var hit = await client.GetAsync("/tools/smolvlm2");

        Assert.True(hit.Headers.Age.HasValue, "the second request was not a cache hit");
        Assert.Equal([true, false], seen);
    }

    public void Dispose() => _site.Dispose();

    /// <summary>The framework's handler provider, noting each request that asks for the cookie handler.</summary>
    private sealed class RecordingHandlers(IAuthenticationSchemeProvider schemes, System.Collections.Concurrent.ConcurrentDictionary<string, bool> asked) : IAuthenticationHandlerProvider
    {
        private readonly AuthenticationHandlerProvider _inner = new(schemes);

        public Task<IAuthenticationHandler?> GetHandlerAsync(HttpContext context, string authenticationScheme)
        {
            if (authenticationScheme == CookieAuthenticationDefaults.AuthenticationScheme) asked[context.Request.Path.Value!] = true;
            return _inner.GetHandlerAsync(context, authenticationScheme);
        }
    }

    /// <summary>Outermost middleware: after the response, whether the authentication middleware left its feature.</summary>
    private sealed class RecordAuthentication(System.Collections.Concurrent.ConcurrentQueue<bool> seen) : Microsoft.AspNetCore.Hosting.IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, inner) =>
            {
                await inner(context);
                seen.Enqueue(context.Features.Get<IAuthenticationFeature>() is not null);
            });
            next(app);
        };
    }
}
