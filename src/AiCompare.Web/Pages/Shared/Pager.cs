using AiCompare.Domain;

namespace AiCompare.Web.Pages.Shared;

/// <summary>
/// The links of a keyset-paged list (see <c>_Pager.cshtml</c>): its page number and the addresses of the
/// pages before and after it. The first page's address is the list's own, with no cursor.
/// </summary>
public sealed record Pager(int Number, string? PreviousHref, string? NextHref)
{
    public static readonly Pager None = new(1, null, null);

    /// <summary>The pager of <paramref name="page"/>; <paramref name="href"/> gives a page's address from its cursor (null: the first page).</summary>
    public static Pager For<T>(ListPage<T> page, Func<ListCursor?, string> href) =>
        new(page.Number, page.HasPrevious ? href(page.Previous) : null, page.Next is { } next ? href(next) : null);

    /// <summary>" — page 3" after a title or heading, nothing on the first page.</summary>
    public string Suffix => Number > 1 ? $" — page {Number.ToString(System.Globalization.CultureInfo.InvariantCulture)}" : "";
}
