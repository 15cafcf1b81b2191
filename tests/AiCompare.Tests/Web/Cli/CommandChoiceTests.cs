using AiCompare.Web.Cli;

namespace AiCompare.Tests.Web.Cli;

/// <summary>Which argument lists run a command and which run the site.</summary>
public sealed class CommandChoiceTests
{
    [Theory]
    [InlineData("import|content")]
    [InlineData("generate|--tools|5")]
    [InlineData("add-editor|a@example.com")]
    [InlineData("help")]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("backpu")]
    [InlineData("unlock-editor|--urls|http://127.0.0.1:5080")]
    [InlineData("/srv/content")]
    public void IsCommand_AFirstWordThatIsNotASetting_IsACommand(string args)
    {
        Assert.True(CommandLine.IsCommand(Split(args)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("--urls|http://127.0.0.1:5080")]
    [InlineData("--environment|Production")]
    [InlineData("--contentRoot|/srv/site")]
    [InlineData("--ConnectionStrings:AiCompare=Data Source=/srv/ai.db")]
    [InlineData("--contentRoot=/srv/site|--environment=Development|--applicationName=AiCompare.Web")]
    [InlineData("Caching:Pages=false")]
    [InlineData("/urls=http://127.0.0.1:5080")]
    public void IsCommand_OnlyHostSettings_RunsTheSite(string args)
    {
        Assert.False(CommandLine.IsCommand(Split(args)));
    }

    /// <summary>Arguments written "a|b|c" (attributes cannot hold a lone string array).</summary>
    private static string[] Split(string args) => args.Split('|', StringSplitOptions.RemoveEmptyEntries);
}
