using System.Security.Cryptography;
using System.Text;
using AiCompare.Web.Hosting;
using Microsoft.Extensions.Options;

namespace AiCompare.Web.Pages.Admin.Accounts;

/// <summary>Security events are logged with a keyed hash of the address, never the address itself.</summary>
public sealed class LogHasher(IOptions<SecurityOptions> options)
{
    private readonly byte[] _key = options.Value.LogHashKey is { Length: > 0 } k
        ? Encoding.UTF8.GetBytes(k)
        : RandomNumberGenerator.GetBytes(32);

    public string Of(string text) => Convert.ToHexString(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(text)))[..16];
}
