using AiCompare.Data;
using AiCompare.Web.Pages.Newsletter.Emails;
using AiCompare.Web.Pages.Votes;

namespace AiCompare.Web.Pages.Newsletter;

/// <summary>Signup, confirmation and unsubscribe: the rules between the forms and the repository.</summary>
public sealed class NewsletterService(
    NewsletterRepository repository,
    IEmailSender email,
    NewsletterLinks links,
    LinkTokens tokens,
    AddressHasher addresses,
    ILogger<NewsletterService> logger)
{
    /// <summary>The version of the signup wording a subscriber agreed to (stored with their consent).</summary>
    public const string ConsentTextVersion = "2026-11-signup-v1";
    public static readonly TimeSpan EmailThrottle = TimeSpan.FromMinutes(10);

    /// <summary>Handles a valid signup; the caller answers the same way whatever happens here.</summary>
    public async Task SignupAsync(string normalisedEmail, string clientAddress)
    {
        var (subscriber, send) = await repository.SignupAsync(normalisedEmail, ConsentTextVersion, addresses.Of(clientAddress), EmailThrottle);
        switch (send)
        {
            case SignupEmail.Confirm:
                if (!await SendAsync(ConfirmEmail(subscriber), subscriber.Id, "confirmation")) await repository.ReleaseEmailSlotAsync(subscriber.Id);
                break;
            case SignupEmail.AlreadySubscribed:
                if (!await SendAsync(AlreadyEmail(subscriber), subscriber.Id, "already-subscribed")) await repository.ReleaseEmailSlotAsync(subscriber.Id);
                break;
        }
    }

    public async Task<(TokenCheck Check, Subscriber? Subscriber)> ResolveAsync(string? token, string purpose)
    {
        if (!LinkTokens.TryRead(token, purpose, out var id)) return (TokenCheck.Invalid, null);
        var subscriber = await repository.FindAsync(id);
        if (subscriber is null) return (TokenCheck.Invalid, null);
        return (tokens.Check(token!, purpose, id, subscriber.Email, DateTimeOffset.UtcNow), subscriber);
    }

    /// <summary>True once the email was handed to SMTP or the pickup folder.</summary>
    private async Task<bool> SendAsync(OutgoingEmail message, long subscriberId, string kind)
    {
        try
        {
            await email.SendAsync(message);
            logger.LogInformation("Newsletter: {Kind} email sent to subscriber #{SubscriberId}", kind, subscriberId);
            return true;
        }
        catch (Exception e) when (e is System.Net.Mail.SmtpException or IOException or InvalidOperationException)
        {
            // The signup is stored; the reader can ask again once mail works. Never surfaced to them.
            logger.LogError("Newsletter: {Kind} email to subscriber #{SubscriberId} failed: {Error}", kind, subscriberId, e.Message);
            return false;
        }
    }

    private OutgoingEmail ConfirmEmail(Subscriber s) => SubscriberEmails.Confirm(links, s);

    private OutgoingEmail AlreadyEmail(Subscriber s) => SubscriberEmails.AlreadySubscribed(links, s);
}
