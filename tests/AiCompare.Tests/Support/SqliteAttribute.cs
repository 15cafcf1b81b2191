using System.Reflection;
using AiCompare.Data;
using Xunit.Sdk;

namespace AiCompare.Tests.Support;

/// <summary>A theory's SQLite row.</summary>
public sealed class SqliteAttribute : DataAttribute
{
    public override IEnumerable<object[]> GetData(MethodInfo testMethod) => [[DatabaseProvider.Sqlite]];
}
