using System.Text;
using AiCompare.Domain;
using Microsoft.AspNetCore.WebUtilities;

namespace AiCompare.Web.Pages.Api;

/// <summary>
/// The API's list cursor: base64url of the last slug a page listed. Opaque to clients, so the sort key can
/// change without breaking them; decoded, it must be a valid slug or the request is refused.
/// </summary>
public static class ToolCursor
{
    public static string Encode(string slug) => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(slug));

    public static bool TryDecode(string cursor, out string slug)
    {
        slug = "";
        if (cursor.Length is 0 or > 200) return false;
        try
        {
            slug = Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(cursor));
        }
        catch (FormatException)
        {
            return false;
        }
        return Slug.IsValid(slug);
    }
}
