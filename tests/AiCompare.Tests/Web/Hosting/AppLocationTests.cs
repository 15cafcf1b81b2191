using AiCompare.Tests.Support;
using AiCompare.Web.Hosting;

namespace AiCompare.Tests.Web.Hosting;

public sealed class AppLocationTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private string SourceTreeOutput()
    {
        var project = Directory.CreateDirectory(_temp.Combine("src", "AiCompare.Web")).FullName;
        File.WriteAllText(Path.Combine(project, "AiCompare.Web.csproj"), "<Project />");
        return Directory.CreateDirectory(Path.Combine(project, "bin", "Debug", "net10.0")).FullName;
    }

    private string Published() => Directory.CreateDirectory(_temp.Combine("app")).FullName;

    [Fact]
    public void ContentRoot_Published_IsTheAppsFolder()
    {
        var app = Published();

        Assert.Equal(app, AppLocation.ContentRoot([], app + Path.DirectorySeparatorChar, null));
    }

    [Fact]
    public void ContentRoot_FromTheSourceTree_IsTheProjectFolder()
    {
        var output = SourceTreeOutput();

        Assert.Equal(_temp.Combine("src", "AiCompare.Web"), AppLocation.ContentRoot(["--urls", "http://127.0.0.1:5080"], output, null));
    }

    [Theory]
    [InlineData("--contentRoot=/srv/site")]
    [InlineData("--contentroot")]
    [InlineData("/contentRoot")]
    public void ContentRoot_AskedForOnTheCommandLine_IsLeftToTheFramework(string arg)
    {
        Assert.Null(AppLocation.ContentRoot(["--environment=Development", arg, "/srv/site"], Published(), null));
    }

    [Fact]
    public void ContentRoot_AskedForInTheEnvironment_IsLeftToTheFramework()
    {
        Assert.Null(AppLocation.ContentRoot([], Published(), "/srv/site"));
    }

    [Fact]
    public void ContentRoot_ASettingThatMerelyMentionsContentRoot_DoesNotCount()
    {
        var app = Published();

        Assert.Equal(app, AppLocation.ContentRoot(["--Content:Path=contentRoot"], app, null));
    }

    [Fact]
    public void Command_FromTheSourceTree_IsDotnetRun()
    {
        var output = SourceTreeOutput();

        Assert.Equal("dotnet run --project src/AiCompare.Web -- add-editor", AppLocation.Command("add-editor", output, Path.Combine(output, "AiCompare.Web")));
    }

    [Fact]
    public void Command_PublishedAndStartedThroughDotnet_NamesTheAssembly()
    {
        var app = Published();

        Assert.Equal($"dotnet {Path.Combine(app, "AiCompare.Web.dll")} add-editor", AppLocation.Command("add-editor", app, "/usr/share/dotnet/dotnet"));
    }

    [Fact]
    public void Command_PublishedAndStartedThroughTheApphost_NamesTheApphost()
    {
        Assert.Equal("/app/AiCompare.Web add-editor", AppLocation.Command("add-editor", "/app", "/app/AiCompare.Web"));
    }

    [Fact]
    public void Command_WindowsApphost_NamesTheApphost()
    {
        Assert.Equal("/app/AiCompare.Web.exe add-editor", AppLocation.Command("add-editor", "/app", "/app/AiCompare.Web.exe"));
    }

    [Fact]
    public void Command_PathWithASpace_IsQuoted()
    {
        Assert.Equal("dotnet \"/opt/ai compare/AiCompare.Web.dll\" add-editor", AppLocation.Command("add-editor", "/opt/ai compare", null));
    }

    [Fact]
    public void SourceProject_ABinFolderOfAnotherProject_IsNotTheSourceTree()
    {
        var output = Directory.CreateDirectory(_temp.Combine("tests", "AiCompare.Tests", "bin", "Debug")).FullName;
        File.WriteAllText(_temp.Combine("tests", "AiCompare.Tests", "AiCompare.Tests.csproj"), "<Project />");

        Assert.Null(AppLocation.SourceProject(output));
    }
}
