using System.IO.Pipelines;

namespace AiCompare.Web.Caching;

/// <summary>
/// A pipe writer whose memory is the <see cref="PooledBuffer"/>'s own array: a page rendered through it
/// lands in the buffer directly, where a <c>StreamPipeWriter</c> over the buffer would rent segments of
/// its own (and allocate their bookkeeping on every page) and then copy them across on each flush.
/// Flushing does nothing: the bytes are already where they are going.
/// </summary>
internal sealed class PooledBufferWriter(PooledBuffer buffer) : PipeWriter
{
    private bool _completed;

    public override void Advance(int bytes)
    {
        ObjectDisposedException.ThrowIf(_completed, this);
        buffer.Advance(bytes);
    }

    public override Memory<byte> GetMemory(int sizeHint = 0)
    {
        ObjectDisposedException.ThrowIf(_completed, this);
        return buffer.Free(Math.Max(sizeHint, MinimumFree));
    }

    public override Span<byte> GetSpan(int sizeHint = 0) => GetMemory(sizeHint).Span;

    public override ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default) =>
        new(new FlushResult(isCanceled: false, isCompleted: false));

    public override void CancelPendingFlush() { }

    public override void Complete(Exception? exception = null) => _completed = true;

    public override bool CanGetUnflushedBytes => true;

    public override long UnflushedBytes => 0;

    // A writer asking for "any" memory gets room for a few of the page's literals at once.
    private const int MinimumFree = 256;
}
