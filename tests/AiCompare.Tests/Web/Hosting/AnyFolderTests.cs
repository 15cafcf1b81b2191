using System.Net;
using AiCompare.Tests.Support;

namespace AiCompare.Tests.Web.Hosting;

/// <summary>A published build started from an unrelated working directory, as a real process.</summary>
public sealed class AnyFolderTests(PublishedSite published) : IClassFixture<PublishedSite>, IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void PublishedFolder_HoldsARunnableSite()
    {
        Assert.True(File.Exists(published.Dll));
        Assert.True(File.Exists(Path.Combine(published.Folder, "appsettings.json")));
        Assert.True(File.Exists(Path.Combine(published.Folder, "wwwroot", "css", "site.css")));
    }

    [Fact]
    public async Task StartedFromAnotherFolder_ServesStaticFilesPagesAndWritesTheRequestLog()
    {
        var workingDirectory = Directory.CreateDirectory(_temp.Combine("elsewhere")).FullName;
        // The shipped connection string, data/aicompare.db, relative to the working directory: a fresh one.
        using var site = await SiteProcess.StartAsync(published.Dll, workingDirectory, connectionString: null);
        using var client = site.Client();

        using var css = await client.GetAsync(new Uri("/css/site.css", UriKind.Relative));
        using var home = await client.GetAsync(new Uri("/", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        Assert.Equal("text/css", css.Content.Headers.ContentType?.MediaType);
        Assert.Contains("{", await css.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.True(await site.WaitForOutputAsync("HTTP GET / responded 200"), site.Output);
        Assert.Contains("HTTP GET /css/site.css responded 200", site.Output, StringComparison.Ordinal);
        Assert.Contains("Content root path: " + published.Folder, site.Output, StringComparison.Ordinal);
        Assert.Contains($"Create the first admin with: dotnet {published.Dll} add-editor", site.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(workingDirectory, "data", "aicompare.db")), "the database path is relative to the working directory");
        Assert.False(Directory.Exists(Path.Combine(published.Folder, "data")), "nothing is written beside the app");
    }
}
