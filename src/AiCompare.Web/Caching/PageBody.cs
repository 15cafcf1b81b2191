namespace AiCompare.Web.Caching;

/// <summary>
/// A stored page's bytes, in an array lent by a <see cref="PageBodyPool"/>. The page cache holds one
/// reference and every response sending the bytes holds another (<see cref="TryAcquire"/>); the array
/// goes back to the pool when the last is released, so an evicted page's memory is the next stored
/// page's at once, rather than garbage waiting for a full collection.
/// </summary>
public sealed class PageBody
{
    private readonly byte[] _array;
    private readonly PageBodyPool? _pool;
    private int _references = 1;

    /// <summary>Bytes lent by <paramref name="pool"/> (or, without one, an array of their own), referenced once: by whoever stores it.</summary>
    internal PageBody(byte[] array, int length, PageBodyPool? pool)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, array.Length);
        _array = array;
        Length = length;
        _pool = pool;
    }

    /// <summary>A body over an array of its own, never pooled (tests, and pages too large for the pool).</summary>
    public PageBody(byte[] bytes)
        : this(bytes, bytes.Length, null)
    {
    }

    public int Length { get; }

    /// <summary>The memory the body occupies (its array may be a little longer than the page).</summary>
    public int Capacity => _array.Length;

    /// <summary>The bytes. Read them only between a successful <see cref="TryAcquire"/> and its <see cref="Release"/>.</summary>
    public ReadOnlyMemory<byte> Memory => _array.AsMemory(0, Length);

    /// <summary>Takes a reference unless the body has already gone back to its pool (then false: render the page instead).</summary>
    public bool TryAcquire()
    {
        var count = Volatile.Read(ref _references);
        while (count > 0)
        {
            var seen = Interlocked.CompareExchange(ref _references, count + 1, count);
            if (seen == count) return true;
            count = seen;
        }
        return false;
    }

    /// <summary>Gives a reference back; the last one returns the array to the pool.</summary>
    public void Release()
    {
        var left = Interlocked.Decrement(ref _references);
        if (left == 0) _pool?.Return(_array);
        else if (left < 0) throw new InvalidOperationException("A page body was released more often than it was acquired.");
    }
}
