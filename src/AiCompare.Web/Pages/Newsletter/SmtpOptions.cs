using System.ComponentModel.DataAnnotations;

namespace AiCompare.Web.Pages.Newsletter;

/// <summary>The <c>Email:Smtp</c> settings. An empty value means unset.</summary>
public sealed class SmtpOptions
{
    /// <summary>The SMTP server; empty writes messages to the pickup directory instead.</summary>
    public string Host { get; set; } = "";

    [Range(1, 65_535, ErrorMessage = "Email:Smtp:Port must be between 1 and 65535.")]
    public int Port { get; set; } = 25;

    /// <summary>The user name to sign in with; empty sends without signing in.</summary>
    public string User { get; set; } = "";

    /// <summary>A secret: set it through the environment (<c>Email__Smtp__Password</c>), not in a file.</summary>
    public string Password { get; set; } = "";

    public bool EnableSsl { get; set; }
}
