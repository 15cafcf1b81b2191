using System.Collections.Concurrent;

namespace AiCompare.Web.Caching;

/// <summary>
/// The arrays page bodies live in, reused. Stored pages are long-lived and many: allocated each time,
/// every one was copied by the garbage collector from generation to generation, and every evicted one
/// stayed in memory until the next full collection, so the process held far more than the cache's
/// limit. These arrays are allocated once, on the pinned object heap (never moved), and an evicted
/// page's array is taken by the next page of its size class. Size classes are 1 KB steps up to 16 KB,
/// 4 KB steps up to 64 KB and 64 KB steps up to <see cref="PageCache.MaxBodySize"/>, so that little of an
/// array is wasted. The pool keeps at most <see cref="MaxPooledBytes"/> of idle arrays; beyond that
/// a returned array is left to the collector.
/// </summary>
public sealed class PageBodyPool
{
    private const int SmallStep = 1024, SmallLimit = 16 * 1024;
    private const int MediumStep = 4 * 1024, MediumLimit = 64 * 1024;
    private const int LargeStep = 64 * 1024;

    private static readonly int ClassCount = Index(PageCache.MaxBodySize) + 1;
    // Queues, not bags: arrays come back on the thread that evicts and are taken on the threads that store,
    // and a bag serves a thread that did not add an item only by stealing from another's list.
    private readonly ConcurrentQueue<byte[]>[] _free = [.. Enumerable.Range(0, ClassCount).Select(_ => new ConcurrentQueue<byte[]>())];
    private long _pooledBytes;

    public PageBodyPool(long maxPooledBytes) => MaxPooledBytes = maxPooledBytes;

    /// <summary>The most idle bytes the pool keeps.</summary>
    public long MaxPooledBytes { get; }

    /// <summary>Idle bytes held now.</summary>
    public long PooledBytes => Volatile.Read(ref _pooledBytes);

    /// <summary>A body holding a copy of <paramref name="page"/>, in a pooled array when one of its size is free.</summary>
    public PageBody Copy(ReadOnlySpan<byte> page)
    {
        if (page.Length > PageCache.MaxBodySize) return new PageBody(page.ToArray());
        var index = Index(page.Length);
        if (_free[index].TryDequeue(out var array)) Interlocked.Add(ref _pooledBytes, -array.Length);
        else array = GC.AllocateUninitializedArray<byte>(SizeOf(index), pinned: true);
        page.CopyTo(array);
        return new PageBody(array, page.Length, this);
    }

    internal void Return(byte[] array)
    {
        var index = Index(array.Length);
        if (SizeOf(index) != array.Length) return; // not one of the pool's own sizes
        if (Interlocked.Add(ref _pooledBytes, array.Length) > MaxPooledBytes)
        {
            Interlocked.Add(ref _pooledBytes, -array.Length);
            return;
        }
        _free[index].Enqueue(array);
    }

    /// <summary>The size class of a page of <paramref name="length"/> bytes (0 for an empty one).</summary>
    private static int Index(int length) => length switch
    {
        <= SmallLimit => Math.Max(0, (length - 1) / SmallStep),
        <= MediumLimit => SmallLimit / SmallStep + (length - SmallLimit - 1) / MediumStep,
        _ => SmallLimit / SmallStep + (MediumLimit - SmallLimit) / MediumStep + (length - MediumLimit - 1) / LargeStep,
    };

    /// <summary>The array length of a size class: the largest page it holds.</summary>
    private static int SizeOf(int index)
    {
        const int small = SmallLimit / SmallStep, medium = (MediumLimit - SmallLimit) / MediumStep;
        return index < small ? (index + 1) * SmallStep
            : index < small + medium ? SmallLimit + (index - small + 1) * MediumStep
            : MediumLimit + (index - small - medium + 1) * LargeStep;
    }
}
