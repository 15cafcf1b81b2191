namespace AiCompare.Tests.Support;

/// <summary>
/// A test that needs root (to mount a tmpfs, or to run the site as another user through <c>setpriv</c>):
/// skipped on a developer machine that is not root, never in CI (which runs as root).
/// </summary>
public sealed class RootFactAttribute : FactAttribute
{
    public RootFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("CI") is not null) return;
        if (!Environment.IsPrivilegedProcess)
            Skip = "Needs root (mount, setpriv); CI runs as root and runs this test.";
        else if (!File.Exists("/usr/bin/setpriv") && !File.Exists("/bin/setpriv"))
            Skip = "setpriv (util-linux) is not installed; CI has it and runs this test.";
    }
}
