using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace AiCompare.Web.Pages.Votes;

/// <summary>
/// A keyed hash of a client address, stored instead of the address to count votes per address and to
/// record where a newsletter consent came from. Without the key (<see cref="AddressHashKey"/>) the hash
/// reveals nothing; with the key anyone can hash every IPv4 address until one matches (a /16 at once, all of
/// IPv4 within hours), so the key is kept out of the database and out of its backups.
/// </summary>
public sealed class AddressHasher(byte[] key)
{
    public string Of(string address) =>
        Convert.ToHexString(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(address)))[..32].ToLower(CultureInfo.InvariantCulture);
}
