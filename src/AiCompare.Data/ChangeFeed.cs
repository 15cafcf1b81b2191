namespace AiCompare.Data;

/// <summary>
/// Where committed writes announce what they changed (<see cref="Change"/>), and caches listen. A
/// listener runs on the writer's thread right after the commit, before the write's caller gets its
/// answer, so a reader who saw the write acknowledged never gets a page from before it. A listener's
/// failure is reported, never thrown at the writer: the write is already durable.
/// </summary>
public sealed class ChangeFeed
{
    private readonly List<Action<Change>> _listeners = [];
    private readonly Lock _lock = new();
    private Action<Change>[] _snapshot = [];

    /// <summary>Called with the change and the exception when a listener throws.</summary>
    public event Action<Change, Exception>? ListenerFailed;

    public void Subscribe(Action<Change> listener)
    {
        lock (_lock)
        {
            _listeners.Add(listener);
            _snapshot = [.. _listeners];
        }
    }

    public void Announce(Change change)
    {
        foreach (var listener in Volatile.Read(ref _snapshot))
        {
            try
            {
                listener(change);
            }
            catch (Exception e)
            {
                ListenerFailed?.Invoke(change, e);
            }
        }
    }
}
