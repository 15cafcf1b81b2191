using System.Net;
using AiCompare.Web.Hosting;

namespace AiCompare.Tests.Web.Hosting;

/// <summary>What caps and limits count as one client: an IPv4 address, or an IPv6 /64.</summary>
public sealed class ClientAddressTests
{
    [Theory]
    [InlineData("203.0.113.7", "203.0.113.7")]
    [InlineData("127.0.0.1", "127.0.0.1")]
    [InlineData("::ffff:203.0.113.7", "203.0.113.7")]
    [InlineData("2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2::", "2001:db8:1:2::/64")]
    [InlineData("2001:db8::1", "2001:db8::/64")]
    [InlineData("::1", "::/64")]
    [InlineData("fe80::1%2", "fe80::/64")]
    public void Group_CountsIPv4AsItIs_IPv6ByItsSlash64(string address, string expected)
    {
        Assert.Equal(expected, ClientAddress.Group(IPAddress.Parse(address)));
    }

    [Fact]
    public void Group_TwoAddressesInOneSlash64_AreOneClient_NeighbouringSlash64sAreNot()
    {
        var a = ClientAddress.Group(IPAddress.Parse("2001:db8:aa:bb:1::1"));
        var b = ClientAddress.Group(IPAddress.Parse("2001:db8:aa:bb:ffff:ffff:ffff:ffff"));
        var next = ClientAddress.Group(IPAddress.Parse("2001:db8:aa:bc::1"));

        Assert.Equal(a, b);
        Assert.NotEqual(a, next);
    }

    [Fact]
    public void Group_MappedAndPlainIPv4_AreOneClient()
    {
        Assert.Equal(
            ClientAddress.Group(IPAddress.Parse("198.51.100.20")),
            ClientAddress.Group(IPAddress.Parse("198.51.100.20").MapToIPv6()));
    }

    [Fact]
    public void Group_NoAddress_IsUnknown()
    {
        Assert.Equal(ClientAddress.Unknown, ClientAddress.Group(null));
    }
}
