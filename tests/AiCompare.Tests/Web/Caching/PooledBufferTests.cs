using System.Text;
using AiCompare.Web.Caching;

namespace AiCompare.Tests.Web.Caching;

/// <summary>The buffer a page is rendered into: a stream that says it can seek must seek.</summary>
public sealed class PooledBufferTests
{
    private static string Text(PooledBuffer buffer) => Encoding.ASCII.GetString(buffer.Written.Span);

    [Fact]
    public void Writes_Append_AndGrowPastTheFirstArray()
    {
        using var buffer = new PooledBuffer();
        var big = new string('x', 40_000);

        buffer.Write(Encoding.ASCII.GetBytes("ab"));
        buffer.Write(Encoding.ASCII.GetBytes(big));

        Assert.Equal("ab" + big, Text(buffer));
        Assert.Equal(40_002, buffer.Position);
    }

    [Fact]
    public void Seek_ThenWrite_Overwrites_AndWritingPastTheEndExtends()
    {
        using var buffer = new PooledBuffer();
        buffer.Write("abcdef"u8);

        Assert.Equal(2, buffer.Seek(2, SeekOrigin.Begin));
        buffer.Write("XY"u8);
        Assert.Equal("abXYef", Text(buffer));

        Assert.Equal(5, buffer.Seek(-1, SeekOrigin.End));
        buffer.Write("123"u8);
        Assert.Equal("abXYe123", Text(buffer));
        Assert.Equal(8, buffer.Length);
    }

    [Fact]
    public void SetLength_Truncates_AndKeepsThePositionInside()
    {
        using var buffer = new PooledBuffer();
        buffer.Write("abcdef"u8);

        buffer.SetLength(0); // what HttpResponse.Clear() does
        buffer.Write("error page"u8);

        Assert.Equal("error page", Text(buffer));
    }

    [Fact]
    public void PositionsOutsideWhatIsWritten_AreRefused_AndLoseNothing()
    {
        using var buffer = new PooledBuffer();
        buffer.Write("abc"u8);

        Assert.Throws<ArgumentOutOfRangeException>(() => buffer.Position = 4);
        Assert.Throws<ArgumentOutOfRangeException>(() => buffer.Seek(-1, SeekOrigin.Begin));
        Assert.Throws<ArgumentOutOfRangeException>(() => buffer.SetLength(10));
        Assert.Equal("abc", Text(buffer));
        Assert.Equal(3, buffer.Position);
    }

    [Fact]
    public async Task Writer_WritesIntoTheBuffer_GrowsItAndAppendsAfterStreamWrites()
    {
        using var buffer = new PooledBuffer();
        buffer.Write("<p>"u8);
        var writer = new PooledBufferWriter(buffer);
        var big = Encoding.ASCII.GetBytes(new string('x', 40_000));

        var span = writer.GetSpan(2);
        "ab"u8.CopyTo(span);
        writer.Advance(2);
        await writer.FlushAsync();
        big.CopyTo(writer.GetSpan(big.Length));
        writer.Advance(big.Length);
        await writer.CompleteAsync();

        Assert.Equal("<p>ab" + new string('x', 40_000), Text(buffer));
        Assert.Equal(40_005, buffer.Position);
    }

    [Fact]
    public async Task Writer_RefusesAdvancingPastItsMemory_AndWritesAfterCompleting()
    {
        using var buffer = new PooledBuffer();
        var writer = new PooledBufferWriter(buffer);
        var free = writer.GetMemory().Length;

        Assert.Throws<ArgumentOutOfRangeException>(() => writer.Advance(free + 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => writer.Advance(-1));
        await writer.CompleteAsync();
        Assert.Throws<ObjectDisposedException>(() => writer.GetSpan());
        Assert.Equal(0, buffer.Length);
    }
}
