using System.Text.Json;

namespace AiCompare.Tests.Web.Hosting;

/// <summary>
/// The collector settings the site's memory and speed were measured with (docs/performance.md) are the
/// ones its build carries: they live in the web project's file, where an edit could drop them unnoticed.
/// </summary>
public sealed class RuntimeSettingsTests
{
    [Fact]
    public void TheSiteRunsWorkstationGc_ThatCompactsItsOldGeneration()
    {
        // The web project's runtimeconfig.json, as its build wrote it (copied beside the tests).
        var path = Path.Combine(AppContext.BaseDirectory, "AiCompare.Web.runtimeconfig.json");
        using var config = JsonDocument.Parse(File.ReadAllText(path));
        var properties = config.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");

        Assert.False(properties.GetProperty("System.GC.Server").GetBoolean());
        Assert.Equal(7, properties.GetProperty("System.GC.ConserveMemory").GetInt32());
    }
}
