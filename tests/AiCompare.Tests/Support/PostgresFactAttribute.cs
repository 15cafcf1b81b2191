namespace AiCompare.Tests.Support;

/// <summary>A test that needs Debian's PostgreSQL: skipped on a developer machine without it, never in CI (.ci/run installs it).</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (!PostgresServer.Available && Environment.GetEnvironmentVariable("CI") is null)
            Skip = "Debian's PostgreSQL is not installed (apt-get install postgresql); CI installs it and runs this test.";
    }
}
