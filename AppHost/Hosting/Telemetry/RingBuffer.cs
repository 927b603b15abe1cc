namespace Aspire.Hosting.Telemetry;

/// <summary>
/// A fixed-capacity buffer that forgets its oldest item to take a new one, so a chatty service
/// costs the AppHost a known amount of memory however long it runs. Thread-safe: exporters write
/// from gRPC calls while pages read.
/// </summary>
internal sealed class RingBuffer<T>
{
    private readonly T[] _items;
    private readonly Lock _gate = new();
    private int _next;
    private int _count;
    private long _dropped;

    public RingBuffer(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _items = new T[capacity];
    }

    public int Capacity => _items.Length;

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _count;
            }
        }
    }

    /// <summary>How many items were pushed out to make room.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    public void Add(T item)
    {
        lock (_gate)
        {
            _items[_next] = item;
            _next = (_next + 1) % _items.Length;
            if (_count < _items.Length)
            {
                _count++;
            }
            else
            {
                Interlocked.Increment(ref _dropped);
            }
        }
    }

    /// <summary>A copy of what is held, oldest first.</summary>
    public List<T> Snapshot()
    {
        lock (_gate)
        {
            var copy = new List<T>(_count);
            var start = (_next - _count + _items.Length) % _items.Length;
            for (var i = 0; i < _count; i++)
            {
                copy.Add(_items[(start + i) % _items.Length]);
            }
            return copy;
        }
    }

    /// <summary>The newest item, if any.</summary>
    public bool TryPeekLast(out T item)
    {
        lock (_gate)
        {
            if (_count == 0)
            {
                item = default!;
                return false;
            }
            item = _items[(_next - 1 + _items.Length) % _items.Length];
            return true;
        }
    }
}
