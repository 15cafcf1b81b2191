namespace AiCompare.Tests.Support;

/// <summary>The theory form of <see cref="PostgresFactAttribute"/>: skipped without Debian's PostgreSQL, never in CI.</summary>
public sealed class PostgresTheoryAttribute : TheoryAttribute
{
    public PostgresTheoryAttribute()
    {
        if (!PostgresServer.Available && Environment.GetEnvironmentVariable("CI") is null)
            Skip = "Debian's PostgreSQL is not installed (apt-get install postgresql); CI installs it and runs this test.";
    }
}
