using AiCompare.Data;

namespace AiCompare.Tests.Data;

/// <summary>PostgreSQL's errors as storage faults, by SQLSTATE: what passes by itself and what does not.</summary>
public sealed class PostgreSqlFaultTests
{
    [Theory]
    [InlineData("55P03", StorageFaultKind.Busy)] // lock_not_available: another transaction held the lock past lock_timeout
    [InlineData("40001", StorageFaultKind.Busy)] // serialization_failure
    [InlineData("40P01", StorageFaultKind.Busy)] // deadlock_detected
    [InlineData("25006", StorageFaultKind.ReadOnly)] // read_only_sql_transaction: a standby
    [InlineData("53100", StorageFaultKind.Full)] // disk_full
    [InlineData("57P01", StorageFaultKind.Unavailable)] // admin_shutdown
    [InlineData("53300", StorageFaultKind.Unavailable)] // too_many_connections
    [InlineData("08006", StorageFaultKind.Unavailable)] // connection_failure
    [InlineData("23505", null)] // unique_violation: the request's problem, not the storage's
    [InlineData("42601", null)] // syntax_error: a bug, never hidden as a fault
    public void SqlState_IsClassified(string sqlState, StorageFaultKind? kind) =>
        Assert.Equal(kind, StorageFault.Classify(new Npgsql.PostgresException("test", "ERROR", "ERROR", sqlState)));

    [Fact]
    public void NoServerAtAll_IsUnavailable() =>
        Assert.Equal(StorageFaultKind.Unavailable, StorageFault.Classify(new Npgsql.NpgsqlException("Failed to connect", new System.Net.Sockets.SocketException(111))));
}
