using AiCompare.Web.Pages.Shared.SiteLayout;

namespace AiCompare.Web.Pages.Newsletter.Signup;

/// <summary>The "one more click" page: the address a signup sent too soon after its page loaded.</summary>
public sealed record SignupCheckView(PageFrame Frame, string Email);
