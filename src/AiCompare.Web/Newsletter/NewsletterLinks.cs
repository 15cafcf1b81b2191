using AiCompare.Data;

namespace AiCompare.Web.Newsletter;

/// <summary>Absolute links for emails (<c>Site:BaseUrl</c>), signed per subscriber.</summary>
public sealed class NewsletterLinks(LinkTokens tokens, SiteOrigin origin)
{
    public static readonly TimeSpan ConfirmLifetime = TimeSpan.FromHours(48);

    public string BaseUrl => origin.Configured ?? "http://localhost:5080";

    public string Absolute(string path) => BaseUrl + path;

    public string Confirm(Subscriber s) =>
        Absolute("/newsletter/confirm?token=" + Uri.EscapeDataString(tokens.Create(LinkTokens.Confirm, s.Id, s.Email, DateTimeOffset.UtcNow + ConfirmLifetime)));

    /// <summary>Unsubscribe links do not expire: an old email must still let its reader leave.</summary>
    public string Unsubscribe(Subscriber s) =>
        Absolute("/newsletter/unsubscribe?token=" + Uri.EscapeDataString(tokens.Create(LinkTokens.Unsubscribe, s.Id, s.Email, expires: null)));

    /// <summary>RFC 2369 and RFC 8058 one-click unsubscribe headers.</summary>
    public static IReadOnlyDictionary<string, string> UnsubscribeHeaders(string unsubscribeUrl) => new Dictionary<string, string>
    {
        ["List-Unsubscribe"] = $"<{unsubscribeUrl}>",
        ["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click",
    };
}
