namespace AiCompare.Web.Hosting;

/// <summary>
/// A request or response body that, after a read or write the socket could not complete at once, carries
/// on on the thread pool (<see cref="IoThread"/>): under inline scheduling such a continuation runs on the
/// socket engine's thread, where the form handler or the page writer that follows must not block.
/// Everything else is passed through; the inner stream stays the server's to close.
/// </summary>
public sealed class PoolResumingStream(Stream inner) : Stream
{
    public override bool CanRead => inner.CanRead;

    public override bool CanSeek => inner.CanSeek;

    public override bool CanWrite => inner.CanWrite;

    public override long Length => inner.Length;

    public override long Position
    {
        get => inner.Position;
        set => inner.Position = value;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = inner.ReadAsync(buffer, cancellationToken);
        return read.IsCompleted ? read : Resume(read);

        static async ValueTask<int> Resume(ValueTask<int> read)
        {
            var count = await read.ConfigureAwait(false);
            await IoThread.LeaveAsync();
            return count;
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
        Resumed(inner.WriteAsync(buffer, cancellationToken));

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override Task FlushAsync(CancellationToken cancellationToken) => Resumed(new ValueTask(inner.FlushAsync(cancellationToken))).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

    public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);

    public override void Flush() => inner.Flush();

    public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);

    public override void SetLength(long value) => inner.SetLength(value);

    private static ValueTask Resumed(ValueTask done)
    {
        return done.IsCompleted ? done : Resume(done);

        static async ValueTask Resume(ValueTask done)
        {
            await done.ConfigureAwait(false);
            await IoThread.LeaveAsync();
        }
    }
}
