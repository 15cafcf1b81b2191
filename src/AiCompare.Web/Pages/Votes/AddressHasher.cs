using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace AiCompare.Web.Pages.Votes;

/// <summary>A keyed hash of a client address: enough to count, never enough to recover the address.</summary>
public sealed class AddressHasher(byte[] key)
{
    public string Of(string address) =>
        Convert.ToHexString(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(address)))[..32].ToLower(CultureInfo.InvariantCulture);
}
