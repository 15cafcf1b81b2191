using AiCompare.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AiCompare.Web.Pages.Newsletter;

/// <summary>
/// Double opt-in: the emailed link opens this page, and its button confirms (a GET alone never does, so
/// a mail scanner following links confirms nobody). The signed token is the only credential.
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class ConfirmModel(NewsletterService newsletter, NewsletterRepository repository, ILogger<ConfirmModel> logger) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    public TokenCheck Check { get; private set; }
    public bool Confirmed { get; private set; }

    /// <summary>The subscriber's status when the link was opened: a used link says so rather than asking again.</summary>
    public string? Status { get; private set; }

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() is null ? Invalid() : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        var subscriber = await LoadAsync();
        if (subscriber is null) return Invalid();
        Confirmed = await repository.ConfirmAsync(subscriber.Id);
        if (Confirmed) logger.LogInformation("Newsletter: subscriber #{SubscriberId} confirmed", subscriber.Id);
        return Page();
    }

    private async Task<Subscriber?> LoadAsync()
    {
        Response.Headers.CacheControl = "no-store";
        var (check, subscriber) = await newsletter.ResolveAsync(Token, LinkTokens.Confirm);
        Check = check;
        Status = subscriber?.Status;
        return check == TokenCheck.Valid ? subscriber : null;
    }

    private PageResult Invalid()
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
