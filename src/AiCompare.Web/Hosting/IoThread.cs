using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using AiCompare.Data;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.Options;

namespace AiCompare.Web.Hosting;

/// <summary>
/// With <see cref="ServerOptions.InlineScheduling"/>, the site runs a request on the socket engine's own
/// thread (Kestrel's <c>UnsafePreferInlineScheduling</c>, and .NET's inline socket completions): no hand-over
/// to the thread pool and back for each request, which on a small machine is a large part of what a short
/// answer costs (docs/performance.md). The price is that anything that blocks there (a SQLite call, which
/// is synchronous under its async methods; a lock wait) holds up every connection on that thread. So what
/// may block first calls <see cref="LeaveAsync"/>: on an I/O thread it moves the rest of the work to the
/// thread pool; anywhere else it costs a property read and does nothing.
/// </summary>
public static class IoThread
{
    /// <summary>The variable that makes .NET run socket completions on the engine's thread; read once, when the first socket is used.</summary>
    public const string InlineCompletionsVariable = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";

    /// <summary>
    /// Whether requests run on the socket engines' threads: <see cref="ServerOptions.InlineScheduling"/> on a
    /// SQLite site. Not on PostgreSQL: inline completions are process-wide, so Npgsql's reads would complete,
    /// and the code after them (which may block, or wait on another read) continue, on those threads too.
    /// </summary>
    public static bool InEffect(ServerOptions options, IConfiguration configuration)
    {
        if (!options.InlineScheduling) return false;
        try
        {
            return Db.ProviderOf(DatabaseStartup.ConnectionString(configuration)) == DatabaseProvider.Sqlite;
        }
        catch (ArgumentException)
        {
            // An unclear connection string: the site stops at start saying so (DatabaseStartup).
            return false;
        }
    }

    /// <summary>
    /// Turns inline scheduling on when Kestrel starts, if <see cref="InEffect"/>: Kestrel's transport option,
    /// and the runtime's variable unless the environment already sets it (an operator's <c>0</c> is kept),
    /// for as long as it takes to start the runtime's socket engines.
    /// Decided when Kestrel's socket transport is made (as the application is built, before any socket),
    /// with the settings as the host finally has them; a host without Kestrel (a test server) never reaches it.
    /// </summary>
    public static void Configure(IServiceCollection services) =>
        services.AddOptions<SocketTransportOptions>().Configure<IOptions<ServerOptions>, IConfiguration>((transport, server, configuration) =>
        {
            if (!InEffect(server.Value, configuration)) return;
            transport.UnsafePreferInlineScheduling = true;
            if (Environment.GetEnvironmentVariable(InlineCompletionsVariable) is not null) return;
            // The runtime reads the variable once, when its socket engines start. Set for that moment only, so
            // that no process this one starts inherits it (a PostgreSQL site must not have it, above).
            Environment.SetEnvironmentVariable(InlineCompletionsVariable, "1");
            try
            {
                StartSocketEngines();
            }
            finally
            {
                Environment.SetEnvironmentVariable(InlineCompletionsVariable, null);
            }
        });

    /// <summary>
    /// Starts .NET's socket engines (if no socket has yet): a receive on loopback that has to wait for its
    /// byte, which is what registers a socket with an engine.
    /// </summary>
    private static void StartSocketEngines()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(1);
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        client.Connect(listener.LocalEndPoint!);
        using var server = listener.Accept();
        // Once, at start, on the thread building the application: nothing waits behind it.
        var receive = client.ReceiveAsync(new byte[1], SocketFlags.None);
        server.Send([1]);
        receive.GetAwaiter().GetResult();
    }

    /// <summary>
    /// Completes at once on a thread-pool thread; on any other thread (a socket engine's, under inline
    /// scheduling) the awaiting code continues on the thread pool.
    /// </summary>
    public static YieldIfNeeded LeaveAsync() => new(!Thread.CurrentThread.IsThreadPoolThread);

    /// <summary>An awaitable that yields to the thread pool only when asked to (no allocation when it does not).</summary>
    public readonly struct YieldIfNeeded(bool yield)
    {
        public Awaiter GetAwaiter() => new(yield);

        public readonly struct Awaiter(bool yield) : ICriticalNotifyCompletion
        {
            public bool IsCompleted => !yield;

            public void GetResult()
            {
            }

            public void OnCompleted(Action continuation) => ThreadPool.QueueUserWorkItem(static c => c(), continuation, preferLocal: false);

            public void UnsafeOnCompleted(Action continuation) => ThreadPool.UnsafeQueueUserWorkItem(static c => c(), continuation, preferLocal: false);
        }
    }
}
