using AiCompare.Web.Hosting;

namespace AiCompare.Tests.Web.Hosting;

/// <summary>
/// What inline scheduling relies on: code that may block leaves a socket engine's thread (any thread not
/// the thread pool's) for the thread pool, and stays where it is on the thread pool.
/// </summary>
public sealed class IoThreadTests
{
    [Fact]
    public async Task LeaveAsync_OnAThreadOfItsOwn_ContinuesOnTheThreadPool()
    {
        var continued = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() => _ = RunAsync()) { IsBackground = true };
        thread.Start();

        Assert.True(await continued.Task.WaitAsync(TimeSpan.FromSeconds(10)));

        async Task RunAsync()
        {
            var started = Thread.CurrentThread;
            Assert.False(started.IsThreadPoolThread);
            await IoThread.LeaveAsync();
            continued.SetResult(Thread.CurrentThread.IsThreadPoolThread && Thread.CurrentThread != started);
        }
    }

    [Fact]
    public async Task LeaveAsync_OnTheThreadPool_DoesNotYield()
    {
        var completed = await Task.Run(() => IoThread.LeaveAsync().GetAwaiter().IsCompleted);

        Assert.True(completed);
    }

    [Fact]
    public async Task PoolResumingStream_AReadTheSocketCompletesLater_ContinuesOnTheThreadPool()
    {
        var inner = new LateStream();
        var stream = new PoolResumingStream(inner);
        var read = Observe(stream.ReadAsync(new byte[4]));
        Assert.False(read.IsCompleted);

        // The data arrives on a thread of its own, as on a socket engine's thread under inline scheduling,
        // and the reader's continuation is run right there (what an inline scheduler does).
        new Thread(() => inner.Arrive(3)) { IsBackground = true }.Start();

        Assert.Equal((3, true), await read.WaitAsync(TimeSpan.FromSeconds(10)));

        static async Task<(int, bool)> Observe(ValueTask<int> reading)
        {
            var count = await reading.ConfigureAwait(false);
            return (count, Thread.CurrentThread.IsThreadPoolThread);
        }
    }

    [Fact]
    public async Task PoolResumingStream_AWriteTheSocketCompletesLater_ContinuesOnTheThreadPool()
    {
        var inner = new LateStream();
        var stream = new PoolResumingStream(inner);
        var write = Observe(stream.WriteAsync(new byte[4]));
        Assert.False(write.IsCompleted);

        new Thread(() => inner.Arrive(0)) { IsBackground = true }.Start();

        Assert.True(await write.WaitAsync(TimeSpan.FromSeconds(10)));

        static async Task<bool> Observe(ValueTask writing)
        {
            await writing.ConfigureAwait(false);
            return Thread.CurrentThread.IsThreadPoolThread;
        }
    }

    [Fact]
    public async Task PoolResumingStream_ReadsAndWritesThatCompleteAtOnce_PassThrough()
    {
        using var inner = new MemoryStream();
        var stream = new PoolResumingStream(inner);

        var write = stream.WriteAsync("abc"u8.ToArray());
        Assert.True(write.IsCompleted);
        await write;
        stream.Position = 0;
        var buffer = new byte[8];
        var read = stream.ReadAsync(buffer);
        Assert.True(read.IsCompleted);

        Assert.Equal(3, await read);
        Assert.Equal("abc"u8.ToArray(), buffer[..3]);
    }

    /// <summary>A stream whose reads and writes complete when <see cref="Arrive"/> is called, on the caller's thread.</summary>
    private sealed class LateStream : Stream
    {
        private readonly TaskCompletionSource<int> _done = new();

        public void Arrive(int count) => _done.SetResult(count);

        // Completed on the arrival's thread, and continued there: the wrapper is what moves the caller on.
        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => await _done.Task;

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) => await _done.Task;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
