using AiCompare.Data;
using AiCompare.Web.Hosting;

namespace AiCompare.Web.Pages.Newsletter;

/// <summary>A subscriber's signed confirm and unsubscribe links, and the unsubscribe headers.</summary>
public sealed class NewsletterLinks(LinkTokens tokens, AbsoluteUrls urls)
{
    public static readonly TimeSpan ConfirmLifetime = TimeSpan.FromHours(48);

    public string Confirm(Subscriber s) =>
        urls.Absolute("/newsletter/confirm?token=" + Uri.EscapeDataString(tokens.Create(LinkTokens.Confirm, s.Id, s.Email, DateTimeOffset.UtcNow + ConfirmLifetime)));

    /// <summary>Unsubscribe links do not expire: an old email must still let its reader leave.</summary>
    public string Unsubscribe(Subscriber s) =>
        urls.Absolute("/newsletter/unsubscribe?token=" + Uri.EscapeDataString(tokens.Create(LinkTokens.Unsubscribe, s.Id, s.Email, expires: null)));

    /// <summary>The absolute URL of a site path that starts with <c>/</c>, for links in emails.</summary>
    public string Site(string path) => urls.Absolute(path);

    /// <summary>RFC 2369 and RFC 8058 one-click unsubscribe headers.</summary>
    public static IReadOnlyDictionary<string, string> UnsubscribeHeaders(string unsubscribeUrl) => new Dictionary<string, string>
    {
        ["List-Unsubscribe"] = $"<{unsubscribeUrl}>",
        ["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click",
    };
}
