using System.ComponentModel.DataAnnotations;
using System.Net;

namespace AiCompare.Web.Hosting;

/// <summary>
/// The <c>ForwardedHeaders</c> settings: the reverse proxies whose <c>X-Forwarded-For</c> and
/// <c>X-Forwarded-Proto</c> the site believes. Empty (the default): nobody's, so a client talking to the
/// site directly cannot choose the address its votes are counted under.
/// </summary>
public sealed class ProxyOptions : IValidatableObject
{
    public const string Section = "ForwardedHeaders";

    /// <summary>Proxy addresses, e.g. <c>127.0.0.1</c> for nginx on the same machine.</summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>Proxy networks in CIDR notation, e.g. <c>10.0.0.0/8</c> for a load balancer pool.</summary>
    public string[] KnownNetworks { get; set; } = [];

    /// <summary>Whether any proxy is trusted; when none is, the forwarded headers middleware is left out.</summary>
    public bool Enabled => KnownProxies.Length > 0 || KnownNetworks.Length > 0;

    public IEnumerable<IPAddress> Proxies() => KnownProxies.Select(p => IPAddress.Parse(p.Trim()));

    public IEnumerable<IPNetwork> Networks() => KnownNetworks.Select(n => IPNetwork.Parse(n.Trim()));

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        for (var i = 0; i < KnownProxies.Length; i++)
        {
            if (!IPAddress.TryParse(KnownProxies[i]?.Trim(), out _))
                yield return new ValidationResult(
                    $"ForwardedHeaders:KnownProxies:{i} must be an IP address like 127.0.0.1 or ::1 (got '{KnownProxies[i]}').",
                    [nameof(KnownProxies)]);
        }
        for (var i = 0; i < KnownNetworks.Length; i++)
        {
            if (!IsNetwork(KnownNetworks[i]))
                yield return new ValidationResult(
                    $"ForwardedHeaders:KnownNetworks:{i} must be a network in CIDR notation like 10.0.0.0/8 or fd00::/64 (got '{KnownNetworks[i]}').",
                    [nameof(KnownNetworks)]);
        }
    }

    /// <summary>
    /// CIDR notation with a base address that has no bits set past the prefix: <c>10.0.0.1/8</c> is
    /// refused rather than read as <c>10.0.0.0/8</c>, as it may be a typo for a single address.
    /// </summary>
    private static bool IsNetwork(string? value)
    {
        var text = value?.Trim();
        var slash = text?.IndexOf('/', StringComparison.Ordinal) ?? -1;
        return slash > 0
            && IPNetwork.TryParse(text, out var network)
            && IPAddress.TryParse(text.AsSpan(0, slash), out var address)
            && network.BaseAddress.Equals(address);
    }
}
