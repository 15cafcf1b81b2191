using System.Globalization;

namespace AiCompare.Domain;

/// <summary>
/// Where a page of a long list starts: the sort key and id of the item just before it, written
/// <c>key-id</c> in <c>?after=</c>. A cursor names an item, not an offset, so items added earlier in
/// the list do not change what a cursor URL shows after its item.
/// </summary>
public readonly record struct ListCursor(long Key, long Id)
{
    // Longer numbers than any key or id the lists use are refused before parsing.
    private const int MaxDigits = 18;

    public override string ToString() =>
        Key.ToString(CultureInfo.InvariantCulture) + "-" + Id.ToString(CultureInfo.InvariantCulture);

    /// <summary>Reads <c>key-id</c> (two non-negative whole numbers); anything else is not a cursor.</summary>
    public static bool TryParse(string? text, out ListCursor cursor)
    {
        cursor = default;
        if (string.IsNullOrEmpty(text)) return false;
        var dash = text.IndexOf('-', StringComparison.Ordinal);
        if (dash <= 0) return false;
        var key = text.AsSpan(0, dash);
        var id = text.AsSpan(dash + 1);
        if (!Digits(key) || !Digits(id)) return false;
        cursor = new ListCursor(
            long.Parse(key, NumberStyles.None, CultureInfo.InvariantCulture),
            long.Parse(id, NumberStyles.None, CultureInfo.InvariantCulture));
        return true;
    }

    private static bool Digits(ReadOnlySpan<char> text)
    {
        if (text.Length is 0 or > MaxDigits) return false;
        foreach (var c in text)
        {
            if (c is < '0' or > '9') return false;
        }
        return true;
    }
}
