using System.Reflection;
using AiCompare.Data;
using Xunit.Sdk;

namespace AiCompare.Tests.Support;

/// <summary>A theory's PostgreSQL row: skipped on a developer machine without Debian's PostgreSQL, never in CI.</summary>
public sealed class PostgreSqlAttribute : DataAttribute
{
    public PostgreSqlAttribute()
    {
        if (!PostgresServer.Available && Environment.GetEnvironmentVariable("CI") is null)
            Skip = "Debian's PostgreSQL is not installed (apt-get install postgresql); CI installs it and runs this row.";
    }

    public override IEnumerable<object[]> GetData(MethodInfo testMethod) => [[DatabaseProvider.PostgreSql]];
}
