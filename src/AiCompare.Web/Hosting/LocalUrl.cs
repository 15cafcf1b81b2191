namespace AiCompare.Web.Hosting;

/// <summary>Whether a return address from a form is a path on this site, never another host.</summary>
public static class LocalUrl
{
    public static bool IsLocalPath(string path) =>
        path.Length > 0 && path[0] == '/' && (path.Length == 1 || (path[1] != '/' && path[1] != '\\')) && !path.Contains("://", StringComparison.Ordinal);
}
