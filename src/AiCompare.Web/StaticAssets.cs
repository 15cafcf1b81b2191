using System.Security.Cryptography;
using Microsoft.AspNetCore.WebUtilities;

namespace AiCompare.Web;

/// <summary>
/// The site's stylesheet and script with a version from their content (<c>?v=</c>, as
/// <c>asp-append-version</c> writes it), worked out once: the files ship with the app and do not change
/// while it runs, so browsers and CDNs can keep them for a year.
/// </summary>
public sealed class StaticAssets(IWebHostEnvironment environment)
{
    private readonly Lazy<string> _css = new(() => Versioned(environment, "/css/site.css"));
    private readonly Lazy<string> _js = new(() => Versioned(environment, "/js/site.js"));

    public string Css => _css.Value;

    public string Js => _js.Value;

    private static string Versioned(IWebHostEnvironment environment, string path)
    {
        var file = environment.WebRootFileProvider.GetFileInfo(path);
        if (!file.Exists) return path;
        using var stream = file.CreateReadStream();
        return path + "?v=" + WebEncoders.Base64UrlEncode(SHA256.HashData(stream));
    }
}
