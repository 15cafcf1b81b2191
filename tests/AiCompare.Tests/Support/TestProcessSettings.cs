using System.Runtime.CompilerServices;

namespace AiCompare.Tests.Support;

/// <summary>Settings for every host this test process starts, in memory or as a child process.</summary>
internal static class TestProcessSettings
{
    /// <summary>
    /// Hundreds of short-lived hosts would each watch appsettings.json for changes, and Linux allows a
    /// user 128 inotify instances: the suite, with the site processes some tests start, can run out.
    /// No test changes a settings file while a host runs, so the hosts do not watch them.
    /// </summary>
    [ModuleInitializer]
    internal static void Apply() => Environment.SetEnvironmentVariable("DOTNET_hostBuilder__reloadConfigOnChange", "false");
}
