using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace AiCompare.Web.Pages.Newsletter;

/// <summary>
/// Signed links for email: <c>purpose.subscriber.expiry.mac</c>, where the MAC (HMAC-SHA256 with a key the
/// site keeps) also covers the address, so a link works only for the subscriber it was made for.
/// </summary>
public sealed class LinkTokens(byte[] key)
{
    public const string Confirm = "c";
    public const string Unsubscribe = "u";

    public string Create(string purpose, long subscriberId, string email, DateTimeOffset? expires)
    {
        var expiry = expires?.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture) ?? "0";
        var id = subscriberId.ToString(CultureInfo.InvariantCulture);
        return $"{purpose}.{id}.{expiry}.{Mac(purpose, id, expiry, email)}";
    }

    /// <summary>Reads a token's subscriber id without trusting it yet (the address is needed to check the MAC).</summary>
    public static bool TryRead(string? token, string purpose, out long subscriberId)
    {
        subscriberId = 0;
        var parts = token?.Split('.');
        return parts is { Length: 4 } && parts[0] == purpose
            && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out subscriberId);
    }

    public TokenCheck Check(string token, string purpose, long subscriberId, string email, DateTimeOffset now)
    {
        var parts = token.Split('.');
        if (parts.Length != 4 || parts[0] != purpose || parts[1] != subscriberId.ToString(CultureInfo.InvariantCulture)) return TokenCheck.Invalid;
        var expected = Encoding.ASCII.GetBytes(Mac(purpose, parts[1], parts[2], email));
        if (!CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(parts[3]))) return TokenCheck.Invalid;
        if (!long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var expiry)) return TokenCheck.Invalid;
        return expiry != 0 && now.ToUnixTimeSeconds() > expiry ? TokenCheck.Expired : TokenCheck.Valid;
    }

    private string Mac(string purpose, string id, string expiry, string email) =>
        System.Buffers.Text.Base64Url.EncodeToString(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{purpose}|{id}|{expiry}|{email}")));
}

public enum TokenCheck
{
    Valid,
    Invalid,
    Expired,
}
