using System.Net;
using System.Net.Sockets;

namespace AiCompare.Web.Hosting;

/// <summary>
/// The client's address as the site counts it: the vote cap, every rate limit's partition, the signup
/// record and the security log's address hash all use this one value. It is the connection's remote
/// address, which the forwarded headers middleware replaces with the client's when a trusted proxy
/// (<see cref="ProxyOptions"/>) forwarded the request.
/// </summary>
public static class ClientAddress
{
    /// <summary>What stands for a connection without a remote address (in-process test servers, some proxies).</summary>
    public const string Unknown = "unknown";

    public static string Of(HttpContext context) => Group(context.Connection.RemoteIpAddress);

    /// <summary>
    /// IPv4 addresses as they are (an IPv4-mapped IPv6 address counts as its IPv4 address); IPv6 by /64,
    /// written <c>2001:db8:1:2::/64</c>: one subscriber line or host usually gets a whole /64, so counting
    /// single IPv6 addresses would let one client take as many as it likes.
    /// </summary>
    public static string Group(IPAddress? address)
    {
        if (address is null) return Unknown;
        if (address.IsIPv4MappedToIPv6) return address.MapToIPv4().ToString();
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return address.ToString();
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        bytes[8..].Clear();
        return new IPAddress(bytes) + "/64";
    }
}
