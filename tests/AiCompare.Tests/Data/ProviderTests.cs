using AiCompare.Data;

namespace AiCompare.Tests.Data;

/// <summary>Which database a connection string names, and what is refused.</summary>
public sealed class ProviderTests
{
    [Theory]
    [InlineData("Data Source=data/aicompare.db", DatabaseProvider.Sqlite)]
    [InlineData("DataSource=/var/lib/aicompare/site.db;Pooling=False", DatabaseProvider.Sqlite)]
    [InlineData("Filename=:memory:", DatabaseProvider.Sqlite)]
    [InlineData("Host=db.internal;Port=5432;Username=aicompare;Password=x;Database=aicompare", DatabaseProvider.PostgreSql)]
    [InlineData("Server=db.internal;Database=aicompare", DatabaseProvider.PostgreSql)]
    public void TheConnectionString_NamesTheProvider(string connectionString, DatabaseProvider provider) =>
        Assert.Equal(provider, Db.ProviderOf(connectionString));

    [Theory]
    [InlineData("Host=db;Data Source=site.db", "both a server")]
    [InlineData("Pooling=False", "names no database")]
    [InlineData("", "names no database")]
    [InlineData("Host=\"unterminated", "cannot be read")]
    public void AnUnclearConnectionString_IsRefusedSayingWhatWasExpected(string connectionString, string message)
    {
        var refused = Assert.Throws<ArgumentException>(() => Db.ProviderOf(connectionString));
        Assert.Contains(message, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PostgreSql_DataSourceNamesServerAndDatabase_NeverThePassword()
    {
        using var db = new Db("Host=db.internal;Port=6543;Username=site;Password=s3cret;Database=aicompare");
        Assert.Equal(DatabaseProvider.PostgreSql, db.Provider);
        Assert.Equal("db.internal:6543/aicompare", db.DataSource);
        Assert.DoesNotContain("s3cret", db.DataSource, StringComparison.Ordinal);
    }
}
