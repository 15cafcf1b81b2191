using AiCompare.Data;
using AiCompare.Tests.Support;
using Npgsql;

namespace AiCompare.Tests.Data;

/// <summary>On PostgreSQL, a committed write's change reaches a listener as notifications (several when large), and a rolled-back one never does.</summary>
public sealed class ChangeNotifyTests
{
    [PostgresFact]
    public async Task ACommittedChange_ReachesAListener_InOrder_EvenWhenItTakesSeveralNotifications()
    {
        using var database = await TestDatabase.CreateAsync(DatabaseProvider.PostgreSql);
        await using var listener = await database.Db.OpenListenerAsync(CancellationToken.None);
        var received = new List<string>();
        listener.Notification += (_, e) => received.Add(e.Payload);
        await using (var listen = new NpgsqlCommand($"LISTEN {ChangeWire.Channel}", listener)) await listen.ExecuteNonQueryAsync();
        var tools = Enumerable.Range(0, 256).Select(i => new VotedTool($"tool-with-a-rather-long-slug-{i:D4}", "developer-tools", i, i)).ToList();

        await database.Db.WriteAsync<int>((_, _) => Task.FromResult((0, (Change?)new Change.Voted(tools))));
        await database.Db.WriteAsync<int>((_, _) => Task.FromResult((0, (Change?)null))); // nothing changed: nothing sent
        await database.Db.WriteAsync<int>((_, _) => Task.FromResult((0, (Change?)new Change.CriticsChanged())));
        while (await listener.WaitAsync(TimeSpan.FromSeconds(1))) { }

        var changes = received.Select(p => ChangeWire.Read(p)!.Value).ToList();
        Assert.All(changes, c => Assert.Equal(database.Db.Node, c.Node));
        Assert.True(changes.Count > 2, "the vote batch took several notifications");
        Assert.Equal(tools, changes.SkipLast(1).SelectMany(c => Assert.IsType<Change.Voted>(c.Change).Tools));
        Assert.IsType<Change.CriticsChanged>(changes[^1].Change);
    }

    [PostgresFact]
    public async Task AWriteThatFails_SendsNothing()
    {
        using var database = await TestDatabase.CreateAsync(DatabaseProvider.PostgreSql);
        await using var listener = await database.Db.OpenListenerAsync(CancellationToken.None);
        var received = new List<string>();
        listener.Notification += (_, e) => received.Add(e.Payload);
        await using (var listen = new NpgsqlCommand($"LISTEN {ChangeWire.Channel}", listener)) await listen.ExecuteNonQueryAsync();

        await Assert.ThrowsAnyAsync<PostgresException>(() => database.Db.WriteAsync<int>(async (connection, tx) =>
        {
            await using var command = connection.CreateCommand();
            command.Transaction = tx;
            command.CommandText = "SELECT pg_notify('aicompare_changes', 'sent before the failure'); SELECT 1 / 0";
            await command.ExecuteNonQueryAsync();
            return (0, new Change.CatalogReplaced());
        }));
        while (await listener.WaitAsync(TimeSpan.FromSeconds(1))) { }

        Assert.Empty(received);
    }
}
