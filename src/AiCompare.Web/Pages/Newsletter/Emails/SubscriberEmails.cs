using AiCompare.Data;
using static AiCompare.Web.Pages.Newsletter.Emails.EmailLayout;

namespace AiCompare.Web.Pages.Newsletter.Emails;

/// <summary>The emails a signup sends: the confirmation, and the note to an address that is already subscribed.</summary>
public static class SubscriberEmails
{
    public const string ConfirmSubject = "Confirm your subscription to " + NewsletterName;
    public const string AlreadySubject = "You're already subscribed to " + NewsletterName;
    private const string NotYou = "If it wasn't you, ignore this email and nothing happens.";

    public static OutgoingEmail Confirm(NewsletterLinks links, Subscriber s)
    {
        var confirm = links.Confirm(s);
        var unsubscribe = links.Unsubscribe(s);
        const string asked = "Someone, hopefully you, asked to get " + NewsletterName + " at this address: every week, the panel's new Ship or Skip verdicts, one critic's line on each, and a comparison of the week.";
        var html = Preheader("One click to confirm, and the next issue is yours.")
            + Masthead("One step left")
            + Section(
                Heading("Confirm your subscription")
                + Paragraph(asked)
                + Button(confirm, "Confirm my subscription", "confirm-button")
                + Paragraph("The button works for 48 hours. " + NotYou, muted: true)
                + "<p class=\"em-muted\" style=\"margin:0;font-size:14px;color:" + MutedColour + "\">Button not working? Paste this link into your browser: "
                + "<span style=\"word-break:break-all\">" + Anchor(confirm, confirm) + "</span></p>",
                "confirm", last: true);
        var text = $"""
            {NewsletterName.ToUpperInvariant()}
            {Brand}

            CONFIRM YOUR SUBSCRIPTION
            =========================

            {asked}

            Confirm within 48 hours:
            {confirm}

            {NotYou}

            """;
        return new OutgoingEmail(s.Email, ConfirmSubject, text,
            Document(ConfirmSubject, html, Footer("You get this email because this address was entered on " + Brand + "'s signup form.", unsubscribe, links.Site("/"))),
            NewsletterLinks.UnsubscribeHeaders(unsubscribe));
    }

    public static OutgoingEmail AlreadySubscribed(NewsletterLinks links, Subscriber s)
    {
        var unsubscribe = links.Unsubscribe(s);
        const string said = "Someone asked to subscribe this address to " + NewsletterName + ". You're already subscribed, so nothing changed.";
        var html = Preheader("Nothing changed: the verdicts keep coming every week.")
            + Masthead("You're on the list")
            + Section(
                Heading("You're already subscribed")
                + Paragraph(said)
                + Button(links.Site("/newsletter/archive"), "Read past issues", "archive-button")
                + Paragraph("To stop the emails, use the unsubscribe link below. " + NotYou, muted: true),
                "already", last: true);
        var text = $"""
            {NewsletterName.ToUpperInvariant()}
            {Brand}

            {said}

            Past issues: {links.Site("/newsletter/archive")}

            To stop the emails: {unsubscribe}

            """;
        return new OutgoingEmail(s.Email, AlreadySubject, text,
            Document(AlreadySubject, html, Footer("You get this email because this address was entered on " + Brand + "'s signup form.", unsubscribe, links.Site("/"))),
            NewsletterLinks.UnsubscribeHeaders(unsubscribe));
    }
}
