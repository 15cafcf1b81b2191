using System.Buffers;

namespace AiCompare.Web.Caching;

/// <summary>A write-only stream over pooled arrays: a page is buffered without allocating per request.</summary>
internal sealed class PooledBuffer : Stream
{
    private byte[] _array = ArrayPool<byte>.Shared.Rent(32 * 1024);
    private int _length;
    private int _position;

    public ReadOnlyMemory<byte> Written => _array.AsMemory(0, _length);

    public override bool CanRead => false;
    // Seekable so that HttpResponse.Clear() (the exception handler's) truncates it with SetLength(0): an
    // error page must not be appended to half a page. Seeking works as on any stream, within what is written.
    public override bool CanSeek => true;
    public override bool CanWrite => true;
    public override long Length => _length;

    public override long Position
    {
        get => _position;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, _length);
            _position = (int)value;
        }
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        buffer.CopyTo(Free(buffer.Length).Span);
        Advance(buffer.Length);
    }

    /// <summary>Room for at least <paramref name="size"/> bytes at the position (for <see cref="PooledBufferWriter"/>).</summary>
    internal Memory<byte> Free(int size)
    {
        var end = _position + Math.Max(size, 1);
        if (end > _array.Length)
        {
            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(_array.Length * 2, end));
            _array.AsSpan(0, _length).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_array);
            _array = larger;
        }
        return _array.AsMemory(_position);
    }

    /// <summary>Moves the position past <paramref name="count"/> bytes written into <see cref="Free"/>'s memory.</summary>
    internal void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, _array.Length - _position);
        _position += count;
        _length = Math.Max(_length, _position);
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        Write(buffer.AsSpan(offset, count));
        return Task.CompletedTask;
    }

    public override void Flush() { }
    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin)
    {
        Position = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => _position + offset,
            SeekOrigin.End => _length + offset,
            _ => throw new ArgumentOutOfRangeException(nameof(origin)),
        };
        return _position;
    }

    /// <summary>Truncates (only): a page buffer never grows by anything but writing.</summary>
    public override void SetLength(long value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(value);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(value, _length);
        _length = (int)value;
        _position = Math.Min(_position, _length);
    }

    protected override void Dispose(bool disposing)
    {
        if (_array.Length > 0) ArrayPool<byte>.Shared.Return(_array);
        _array = [];
        base.Dispose(disposing);
    }
}
