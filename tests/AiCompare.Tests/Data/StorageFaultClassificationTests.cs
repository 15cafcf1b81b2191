using System.Diagnostics;
using AiCompare.Data;
using AiCompare.Tests.Support;
using Dapper;
using Microsoft.Data.Sqlite;

namespace AiCompare.Tests.Data;

/// <summary>What counts as a storage fault, told from real SQLite and real I/O errors, and the bounded lock wait.</summary>
public sealed class StorageFaultClassificationTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void WriteThroughAReadOnlyConnection_IsReadOnly()
    {
        Migrated();
        using var connection = new SqliteConnection($"Data Source={_temp.DatabaseFile};Mode=ReadOnly");
        connection.Open();

        var e = Assert.Throws<SqliteException>(() => connection.Execute("UPDATE Readiness SET CheckedAt = 'x'"));

        Assert.Equal(StorageFaultKind.ReadOnly, StorageFault.Classify(e));
        Assert.Equal("read-only", StorageFault.Reason(StorageFaultKind.ReadOnly));
    }

    [Fact]
    public void WriteWhileAnotherConnectionHoldsTheLock_FailsAsBusyWithinTheLockTimeout_AndRaisesWriteFailed()
    {
        Migrated();
        var db = new Db(_temp.ConnectionString, TimeSpan.FromSeconds(1));
        var failed = new List<Exception>();
        db.WriteFailed += failed.Add;
        using var holder = new SqliteConnection(_temp.ConnectionString + ";Pooling=False");
        holder.Open();
        holder.Execute("BEGIN EXCLUSIVE");

        var clock = Stopwatch.StartNew();
        var e = Assert.ThrowsAny<Exception>(() => db.Write<int>((c, tx) => (c.Execute("UPDATE Readiness SET CheckedAt = 'x'", transaction: tx), new Change.CatalogReplaced())));
        clock.Stop();

        Assert.Equal(StorageFaultKind.Busy, StorageFault.Classify(e));
        Assert.Equal(StorageFaultKind.Busy, db.NoteFault(e));
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(5));
        Assert.Same(e, Assert.Single(failed));
    }

    [Fact]
    public void NoSpaceLeftOnDevice_IsFull_EvenWrapped()
    {
        var e = Assert.ThrowsAny<IOException>(() =>
        {
            using var full = new FileStream("/dev/full", FileMode.Open, FileAccess.Write, FileShare.ReadWrite, bufferSize: 0);
            full.Write(new byte[16]);
        });

        Assert.Equal(StorageFaultKind.Full, StorageFault.Classify(e));
        Assert.Equal(StorageFaultKind.Full, StorageFault.Classify(new InvalidOperationException("wrapped", e)));
        Assert.Equal(StorageFaultKind.Full, StorageFault.Classify(new AggregateException(new TimeoutException(), e)));
    }

    [Fact]
    public void OtherFailures_AreNotStorageFaults()
    {
        Migrated();
        using var connection = new SqliteConnection(_temp.ConnectionString);
        connection.Open();
        var constraint = Assert.Throws<SqliteException>(() => connection.Execute("INSERT INTO Readiness (Id, CheckedAt) VALUES (1, 'again')"));
        var syntax = Assert.Throws<SqliteException>(() => connection.Execute("SELEC 1"));

        Assert.Null(StorageFault.Classify(constraint));
        Assert.Null(StorageFault.Classify(syntax));
        Assert.Null(StorageFault.Classify(new InvalidOperationException()));
        Assert.Null(StorageFault.Classify(new FileNotFoundException()));
        Assert.Null(StorageFault.Classify(null));
    }

    [Fact]
    public async Task ReadinessProbe_WritesItsRow()
    {
        var db = Migrated();

        await new ReadinessRepository(db).ProbeAsync(TimeSpan.FromSeconds(1));

        using var connection = db.Open();
        Assert.NotEqual("", connection.ExecuteScalar<string>("SELECT CheckedAt FROM Readiness WHERE Id = 1"));
    }

    [Fact]
    public void LockTimeout_BelowOneSecond_IsRefused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new Db(_temp.ConnectionString, TimeSpan.FromMilliseconds(100)));

    private Db Migrated()
    {
        var db = new Db(_temp.ConnectionString);
        new Migrator(db).Migrate();
        return db;
    }
}
