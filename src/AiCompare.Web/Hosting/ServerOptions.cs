namespace AiCompare.Web.Hosting;

/// <summary>The <c>Server</c> settings: how Kestrel schedules the work of a request.</summary>
public sealed class ServerOptions
{
    public const string Section = "Server";

    /// <summary>
    /// Whether (on a SQLite site) a request is read and answered on the socket's own I/O thread, without a hand-over to the
    /// thread pool first (<see cref="IoThread"/>). Cache hits and first requests of a comparison are
    /// answered there; everything else, and anything that would wait on the database, moves to the thread
    /// pool before it runs. Off: every request starts on the thread pool, as Kestrel does by default.
    /// </summary>
    public bool InlineScheduling { get; set; } = true;
}
