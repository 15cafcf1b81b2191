using AiCompare.Data;
using Npgsql;

namespace AiCompare.Web.Caching;

/// <summary>
/// Keeps this node's caches coherent with the other nodes on a shared PostgreSQL database. Every write
/// sends what it changed as a notification in its own transaction (<see cref="ChangeWire"/>); this service
/// holds one listening connection and announces each change another node made on the local
/// <see cref="ChangeFeed"/>, where the page cache, read model and tally board take it as they take a local
/// one. Votes are taken even from this node's own notifications: they arrive in commit order, so the last
/// tally a tool shows is the last one committed, whichever node wrote it.
/// </summary>
/// <remarks>
/// While the connection is down, notifications are lost, so each time it is (re)established this node
/// drops everything it holds (<see cref="Change.CatalogReplaced"/>) before it goes on listening: what it
/// serves next is read from the database. The first connection is made while the node starts, before it
/// serves anything, so that a node that can reach its database never drops pages it has just cached; if
/// the database cannot be reached then, the node starts anyway and keeps trying. Until it listens, pages
/// cached here may be up to <see cref="PageCache.Lifetime"/> old. SQLite has one node, and this service
/// does nothing.
/// </remarks>
public sealed class ChangeListener(Db db, ILogger<ChangeListener> logger) : BackgroundService
{
    /// <summary>How long to wait before connecting again after the listening connection failed, at first and at most.</summary>
    public static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(200), LongestRetry = TimeSpan.FromSeconds(5);

    /// <summary>How long the node's start waits for its first listening connection before it starts without one.</summary>
    public static readonly TimeSpan StartWait = TimeSpan.FromSeconds(5);

    private volatile bool _listening;

    /// <summary>Whether this node is listening now (always false on SQLite).</summary>
    public bool Listening => _listening;

    private int _connections;

    /// <summary>How many times the listening connection has been established (the first time included).</summary>
    public int Connections => Volatile.Read(ref _connections);

    private NpgsqlConnection? _first;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        if (db.Provider == DatabaseProvider.PostgreSql)
        {
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            wait.CancelAfter(StartWait);
            try
            {
                _first = await ListenAsync(wait.Token);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                NotListening(e);
            }
        }
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (db.Provider != DatabaseProvider.PostgreSql) return;
        var retry = FirstRetry;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var connection = _first ?? await ListenAsync(stoppingToken);
                _first = null;
                await using (connection)
                {
                    retry = FirstRetry;
                    // Notifications are raised on this thread while it waits; keepalives notice a vanished server.
                    while (true) await connection.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                NotListening(e);
            }
            try
            {
                await Task.Delay(retry, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
            retry = TimeSpan.FromTicks(Math.Min(retry.Ticks * 2, LongestRetry.Ticks));
        }
        _listening = false;
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        // Started, then stopped before ExecuteAsync took it over.
        if (Interlocked.Exchange(ref _first, null) is { } unused) await unused.DisposeAsync();
    }

    /// <summary>Opens the listening connection and listens; from then on this node drops what it holds, as it may have missed changes before.</summary>
    private async Task<NpgsqlConnection> ListenAsync(CancellationToken cancellationToken)
    {
        var connection = await db.OpenListenerAsync(cancellationToken);
        try
        {
            connection.Notification += OnNotification;
            await using (var listen = new NpgsqlCommand($"LISTEN {ChangeWire.Channel}", connection))
            {
                await listen.ExecuteNonQueryAsync(cancellationToken);
            }
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
        db.Changes.Announce(new Change.CatalogReplaced());
        Interlocked.Increment(ref _connections);
        _listening = true;
        if (Connections > 1) logger.LogInformation("Listening to other nodes' changes again on {Database}; this node's caches were dropped", db.DataSource);
        return connection;
    }

    private void NotListening(Exception e)
    {
        if (_listening || Connections == 0)
        {
            logger.LogWarning("Not listening to other nodes' changes on {Database} ({Reason}); pages cached here may be up to {Lifetime} old until it reconnects",
                db.DataSource, e.Message, PageCache.Lifetime);
        }
        _listening = false;
    }

    private void OnNotification(object sender, NpgsqlNotificationEventArgs e)
    {
        if (e.Channel != ChangeWire.Channel) return;
        if (ChangeWire.Read(e.Payload) is not var (node, change))
        {
            logger.LogWarning("A change notification this node cannot read; dropping its caches");
            db.Changes.Announce(new Change.CatalogReplaced());
            return;
        }
        // This node announced its own change when it committed; only its votes are taken again (see above).
        if (node == db.Node && change is not Change.Voted) return;
        db.Changes.Announce(change);
    }
}
