using System.Runtime.CompilerServices;

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
    /// Turns inline scheduling on for this process when <see cref="ServerOptions.InlineScheduling"/> says
    /// so: Kestrel's transport option, and the runtime's variable unless the environment already sets it
    /// (an operator's <c>0</c> is kept). Called before the host is built, so before any socket exists.
    /// </summary>
    public static void Configure(WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(ServerOptions.Section).Get<ServerOptions>() ?? new ServerOptions();
        if (!options.InlineScheduling) return;
        if (Environment.GetEnvironmentVariable(InlineCompletionsVariable) is null) Environment.SetEnvironmentVariable(InlineCompletionsVariable, "1");
        builder.WebHost.UseSockets(o => o.UnsafePreferInlineScheduling = true);
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
