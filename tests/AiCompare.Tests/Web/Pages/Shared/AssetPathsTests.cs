using AiCompare.Web.Pages.Shared.SiteLayout;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Primitives;

namespace AiCompare.Tests.Web.Pages.Shared;

/// <summary>The layout's versioned asset paths are asked for once, and again after either file changes.</summary>
public sealed class AssetPathsTests
{
    [Fact]
    public void For_AsksTheProviderOncePerFile_UntilAFileChanges()
    {
        var files = new WatchedFiles();
        var versions = new CountingVersions();
        var paths = new AssetPaths(versions, new Environment(files));

        Assert.Equal(("/css/site.css?v=1", "/js/site.js?v=1"), paths.For(PathString.Empty));
        Assert.Equal(("/css/site.css?v=1", "/js/site.js?v=1"), paths.For(PathString.Empty));
        Assert.Equal(2, versions.Calls);

        versions.Version = 2;
        files.Change(AssetPaths.Css);

        Assert.Equal(("/css/site.css?v=2", "/js/site.js?v=2"), paths.For(PathString.Empty));
        Assert.Equal(4, versions.Calls);
    }

    [Fact]
    public void For_AnotherPathBase_GetsItsOwnPaths()
    {
        var paths = new AssetPaths(new CountingVersions(), new Environment(new WatchedFiles()));

        Assert.Equal(("/css/site.css?v=1", "/js/site.js?v=1"), paths.For(PathString.Empty));
        Assert.Equal(("/blog/css/site.css?v=1", "/blog/js/site.js?v=1"), paths.For(new PathString("/blog")));
    }

    private sealed class CountingVersions : IFileVersionProvider
    {
        public int Calls { get; private set; }

        public int Version { get; set; } = 1;

        public string AddFileVersionToPath(PathString requestPathBase, string path)
        {
            Calls++;
            return requestPathBase + path + "?v=" + Version;
        }
    }

    /// <summary>A web root whose change notifications the test sends.</summary>
    private sealed class WatchedFiles : IFileProvider
    {
        private readonly Dictionary<string, CancellationTokenSource> _watches = [];

        public void Change(string path)
        {
            if (_watches.Remove(path, out var source)) source.Cancel();
        }

        public IChangeToken Watch(string filter)
        {
            if (!_watches.TryGetValue(filter, out var source)) _watches[filter] = source = new CancellationTokenSource();
            return new CancellationChangeToken(source.Token);
        }

        public IFileInfo GetFileInfo(string subpath) => new NotFoundFileInfo(subpath);

        public IDirectoryContents GetDirectoryContents(string subpath) => NotFoundDirectoryContents.Singleton;
    }

    private sealed class Environment(IFileProvider webRoot) : IWebHostEnvironment
    {
        public IFileProvider WebRootFileProvider { get; set; } = webRoot;
        public string WebRootPath { get; set; } = "";
        public string ApplicationName { get; set; } = "AiCompare.Tests";
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
        public string ContentRootPath { get; set; } = "";
        public string EnvironmentName { get; set; } = "Production";
    }
}
