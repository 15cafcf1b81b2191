using System.ComponentModel.DataAnnotations;

namespace AiCompare.Web.Hosting;

/// <summary>The <c>Content</c> settings: the seed content folder, imported when the catalog is empty.</summary>
public sealed class ContentOptions
{
    public const string Section = "Content";

    [Required(ErrorMessage = "Content:Path must be set.")]
    public string Path { get; set; } = "content";

    /// <summary>
    /// The folder as a full path. A relative one is taken from the working directory; when it is not
    /// there (the app was started from elsewhere), the copy published beside the app is used.
    /// </summary>
    public string FullPath()
    {
        if (System.IO.Path.IsPathRooted(Path) || Directory.Exists(Path)) return System.IO.Path.GetFullPath(Path);
        var besideApp = System.IO.Path.Combine(AppContext.BaseDirectory, Path);
        return Directory.Exists(besideApp) ? besideApp : System.IO.Path.GetFullPath(Path);
    }
}
