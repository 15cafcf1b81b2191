using AiCompare.Domain;

namespace AiCompare.Tests.Domain;

public sealed class ListCursorTests
{
    [Theory]
    [InlineData("0-0", 0, 0)]
    [InlineData("87-1234", 87, 1234)]
    [InlineData("500000040000-42", 500000040000, 42)]
    public void TryParse_KeyDashId_RoundTrips(string text, long key, long id)
    {
        Assert.True(ListCursor.TryParse(text, out var cursor));
        Assert.Equal(new ListCursor(key, id), cursor);
        Assert.Equal(text, cursor.ToString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("-")]
    [InlineData("12")]
    [InlineData("-12")]
    [InlineData("12-")]
    [InlineData("1-2-3")]
    [InlineData("a-1")]
    [InlineData("1-b")]
    [InlineData(" 1-2")]
    [InlineData("1-+2")]
    [InlineData("1-٣")]                      // an Arabic-Indic digit is not a cursor digit
    [InlineData("1234567890123456789-1")]    // longer than any key
    [InlineData("99999999999999999999999-1")]
    public void TryParse_AnythingElse_IsFalse(string? text)
    {
        Assert.False(ListCursor.TryParse(text, out _));
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 2)]
    [InlineData(50, 2)]
    [InlineData(51, 3)]
    [InlineData(100, 3)]
    [InlineData(101, 4)]
    public void PageNumber_CountsThePagesBeforeTheFirstItem(int before, int number)
    {
        var page = new ListPage<int>([1], before, 50, null, before > 0, null);

        Assert.Equal(number, page.Number);
    }
}
