namespace AiCompare.Web.Hosting;

/// <summary>
/// The client's address as the site counts it: the vote cap, every rate limit's partition and the
/// signup record all use this one value.
/// </summary>
public static class ClientAddress
{
    /// <summary>What stands for a connection without a remote address (in-process test servers, some proxies).</summary>
    public const string Unknown = "unknown";

    public static string Of(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? Unknown;
}
