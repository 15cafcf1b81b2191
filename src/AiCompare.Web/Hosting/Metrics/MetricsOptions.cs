using System.ComponentModel.DataAnnotations;
using System.Net;

namespace AiCompare.Web.Hosting.Metrics;

/// <summary>The <c>Metrics</c> settings: who may read <c>/metrics</c>.</summary>
public sealed class MetricsOptions : IValidatableObject
{
    public const string Section = "Metrics";

    /// <summary>Where <c>/metrics</c> answers when <see cref="AllowedNetworks"/> is empty: this machine only.</summary>
    public static readonly IReadOnlyList<IPNetwork> Loopback = [IPNetwork.Parse("127.0.0.0/8"), IPNetwork.Parse("::1/128")];

    /// <summary>
    /// The networks (CIDR, like <c>10.0.0.0/8</c>, or one address) whose clients may read <c>/metrics</c>;
    /// everyone else gets 404. Empty (the default) means loopback only: 127.0.0.0/8 and ::1/128. Empty
    /// rather than those two written here, because configuration adds a list's entries to the ones a class
    /// starts with: a list set in the environment would otherwise never replace them.
    /// </summary>
    public string[] AllowedNetworks { get; set; } = [];

    /// <summary>The allowed networks, parsed; call only on validated options.</summary>
    public IReadOnlyList<IPNetwork> Networks() =>
        AllowedNetworks.Length == 0 ? Loopback : [.. AllowedNetworks.Select(n => TryParse(n)!.Value)];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        for (var i = 0; i < AllowedNetworks.Length; i++)
        {
            if (TryParse(AllowedNetworks[i]) is not null) continue;
            yield return new ValidationResult(
                $"Metrics:AllowedNetworks:{i} must be a network in CIDR form, like 10.0.0.0/8 or ::1/128, or one address (got '{AllowedNetworks[i]}').",
                [nameof(AllowedNetworks)]);
        }
    }

    private static IPNetwork? TryParse(string? value)
    {
        var text = value?.Trim() ?? "";
        if (IPNetwork.TryParse(text, out var network)) return network;
        return IPAddress.TryParse(text, out var address) ? new IPNetwork(address, address.GetAddressBytes().Length * 8) : null;
    }
}
