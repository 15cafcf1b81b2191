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
    /// and the code after them continue, on those threads too (a node hung at start when that was tried).
    /// </summary>
    public static bool InEffect(ServerOptions options, IConfiguration configuration)
    {
        if (!options.InlineScheduling) return false;
        var connectionString = configuration.GetConnectionString("AiCompare");
        try
        {
            return Db.ProviderOf(string.IsNullOrWhiteSpace(connectionString) ? ServiceRegistration.DefaultConnectionString : connectionString) == DatabaseProvider.Sqlite;
        }
        catch (ArgumentException)
        {
            // An unclear connection string: the site stops at start saying so (DatabaseStartup).
            return false;
        }
    }

    /// <summary>
    /// Turns inline scheduling on when Kestrel starts, if <see cref="InEffect"/>: Kestrel's transport option,
    /// and the runtime's variable unless the environment already sets it (an operator's <c>0</c> is kept).
    /// Decided when Kestrel's socket transport is made (as the application is built, before any socket),
    /// with the settings as the host finally has them; a host without Kestrel (a test server) never reaches it.
    /// </summary>
    public static void Configure(IServiceCollection services) =>
        services.AddOptions<SocketTransportOptions>().Configure<IOptions<ServerOptions>, IConfiguration>((transport, server, configuration) =>
        {
            if (!InEffect(server.Value, configuration)) return;
            if (Environment.GetEnvironmentVariable(InlineCompletionsVariable) is null) Environment.SetEnvironmentVariable(InlineCompletionsVariable, "1");
            transport.UnsafePreferInlineScheduling = true;
        });

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
