using AiCompare.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AiCompare.Web.Pages.Newsletter;

/// <summary>
/// Unsubscribe: GET shows a confirmation button (link scanners unsubscribe nobody); POST unsubscribes,
/// which is also RFC 8058's one-click POST from mail clients: no cookie, no antiforgery token, just the
/// signed token in the URL.
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class UnsubscribeModel(NewsletterService newsletter, NewsletterRepository repository, ILogger<UnsubscribeModel> logger) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    public bool Valid { get; private set; }
    public bool Done { get; private set; }

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() is null ? Invalid() : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        var subscriber = await LoadAsync();
        if (subscriber is null) return Invalid();
        await repository.UnsubscribeAsync(subscriber.Id);
        logger.LogInformation("Newsletter: subscriber #{SubscriberId} unsubscribed", subscriber.Id);
        Done = true;
        return Page();
    }

    private async Task<Subscriber?> LoadAsync()
    {
        Response.Headers.CacheControl = "no-store";
        var (check, subscriber) = await newsletter.ResolveAsync(Token, LinkTokens.Unsubscribe);
        Valid = check == TokenCheck.Valid;
        return Valid ? subscriber : null;
    }

    private PageResult Invalid()
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
