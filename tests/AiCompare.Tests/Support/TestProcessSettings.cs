using System.Runtime.CompilerServices;

namespace AiCompare.Tests.Support;

/// <summary>Settings for every host this test process starts, in memory or as a child process.</summary>
internal static class TestProcessSettings
{
    /// <summary>
    /// Hundreds of short-lived hosts would each watch appsettings.json and wwwroot (for asset versions)
    /// through inotify, and Linux allows a user 128 inotify instances in all: the suite, with the site
    /// processes some tests start (and anything else the machine runs as the same user), can run out.
    /// No test changes a settings file while a host runs, so hosts do not watch settings, and file
    /// providers poll instead of using inotify.
    /// </summary>
    [ModuleInitializer]
    internal static void Apply()
    {
        Environment.SetEnvironmentVariable("DOTNET_hostBuilder__reloadConfigOnChange", "false");
        Environment.SetEnvironmentVariable("DOTNET_USE_POLLING_FILE_WATCHER", "true");
    }
}
