namespace AiCompare.Web.Pages.Newsletter;

/// <summary>An email with plain-text and HTML parts and any extra headers (e.g. List-Unsubscribe).</summary>
public sealed record OutgoingEmail(string To, string Subject, string Text, string Html, IReadOnlyDictionary<string, string>? Headers = null);

/// <summary>Sends email.</summary>
public interface IEmailSender
{
    Task SendAsync(OutgoingEmail email, CancellationToken cancellationToken = default);
}
