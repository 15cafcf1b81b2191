using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.Extensions.Primitives;

namespace AiCompare.Web.Pages.Shared.SiteLayout;

/// <summary>
/// The layout's versioned asset paths (<c>site.css</c>, <c>site.js</c> with their content hash), asked of
/// the file version provider once per path base and reused: the provider builds a key and looks it up in
/// its memory cache on every call, and every page rendered (a never-requested comparison included) made
/// two. Forgotten as soon as either file changes, so a page never links a stale version.
/// </summary>
public sealed class AssetPaths
{
    public const string Css = "/css/site.css";
    public const string Js = "/js/site.js";

    private readonly IFileVersionProvider _versions;
    private volatile Versioned? _current;
    private int _changes;

    public AssetPaths(IFileVersionProvider versions, IWebHostEnvironment environment)
    {
        _versions = versions;
        var files = environment.WebRootFileProvider;
        ChangeToken.OnChange(
            () => new CompositeChangeToken([files.Watch(Css), files.Watch(Js)]),
            () =>
            {
                Interlocked.Increment(ref _changes);
                _current = null;
            });
    }

    /// <summary>The versioned CSS and JavaScript paths under <paramref name="pathBase"/>.</summary>
    public (string CssHref, string JsHref) For(PathString pathBase)
    {
        // One path base in practice (the site's); another only replaces the remembered pair.
        if (_current is { } current && current.PathBase == pathBase) return (current.CssHref, current.JsHref);
        var changes = Volatile.Read(ref _changes);
        var fresh = new Versioned(pathBase, _versions.AddFileVersionToPath(pathBase, Css), _versions.AddFileVersionToPath(pathBase, Js));
        _current = fresh;
        // A change while the versions were being read: this pair may be the old one, so it is not kept.
        if (Volatile.Read(ref _changes) != changes) _current = null;
        return (fresh.CssHref, fresh.JsHref);
    }

    private sealed record Versioned(PathString PathBase, string CssHref, string JsHref);
}
