namespace AiCompare.Domain;

/// <summary>
/// One page of a keyset-paged list. <see cref="Before"/> is how many items come before the first one
/// shown; <see cref="Next"/> is the cursor of the following page, if any; <see cref="HasPrevious"/> with
/// a null <see cref="Previous"/> means the previous page is the first (which has no cursor).
/// </summary>
public sealed record ListPage<T>(IReadOnlyList<T> Items, int Before, int Size, ListCursor? Next, bool HasPrevious, ListCursor? Previous)
{
    /// <summary>The page number: 1 for the first page, and for a cursor page the pages its earlier items fill, plus one.</summary>
    public int Number => Before == 0 ? 1 : (Before + Size - 1) / Size + 1;

    public bool HasNext => Next is not null;
}
