using System.ComponentModel.DataAnnotations;

namespace AiCompare.Web.Hosting;

/// <summary>The <c>Site</c> settings: where the site lives.</summary>
public sealed class SiteOptions : IValidatableObject
{
    public const string Section = "Site";

    /// <summary>
    /// The one origin of every absolute URL the site writes, e.g. <c>https://aicompare.example</c> (with a
    /// path if the site lives under one). Empty: unset (pages use the request's own origin).
    /// </summary>
    public string BaseUrl { get; set; } = "";

    /// <summary>The base URL without a trailing slash, or null when unset or malformed.</summary>
    public string? NormalisedBaseUrl() =>
        string.IsNullOrWhiteSpace(BaseUrl) ? null : TryNormalise(BaseUrl.Trim());

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // A typo here would put a broken address in every page and email: refuse to start instead.
        if (string.IsNullOrWhiteSpace(BaseUrl) || TryNormalise(BaseUrl.Trim()) is not null) yield break;
        var shown = BaseUrl.Contains('@') ? "an address with a user name, not shown" : BaseUrl;
        yield return new ValidationResult(
            $"Site:BaseUrl must be an absolute http(s) address with no query, fragment or user name, like https://aicompare.example (got '{shown}').",
            [nameof(BaseUrl)]);
    }

    private static string? TryNormalise(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            && string.IsNullOrEmpty(uri.Query) && string.IsNullOrEmpty(uri.Fragment) && string.IsNullOrEmpty(uri.UserInfo)
            ? uri.GetLeftPart(UriPartial.Path).TrimEnd('/')
            : null;
}
