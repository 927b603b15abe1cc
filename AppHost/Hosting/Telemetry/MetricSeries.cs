namespace Aspire.Hosting.Telemetry;

/// <summary>
/// One instrument of one replica with one set of attribute values, and its recent points.
/// </summary>
public sealed class MetricSeries
{
    private readonly RingBuffer<MetricPoint> _points;

    internal MetricSeries(string resource, string instance, string name, string unit, string description,
        MetricKind kind, bool isDelta, IReadOnlyList<KeyValuePair<string, string>> attributes, int capacity)
    {
        Resource = resource;
        Instance = instance;
        Name = name;
        Unit = unit;
        Description = description;
        Kind = kind;
        IsDelta = isDelta;
        Attributes = attributes;
        _points = new RingBuffer<MetricPoint>(capacity);
    }

    public string Resource { get; }

    public string Instance { get; }

    public string Name { get; }

    public string Unit { get; }

    public string Description { get; }

    public MetricKind Kind { get; }

    /// <summary>Values are changes since the previous export rather than running totals.</summary>
    public bool IsDelta { get; }

    public IReadOnlyList<KeyValuePair<string, string>> Attributes { get; }

    public int Capacity => _points.Capacity;

    public IReadOnlyList<MetricPoint> Points => _points.Snapshot();

    /// <summary>Old points were pushed out: the first point held is no longer the series' first.</summary>
    public bool HasDropped => _points.Dropped > 0;

    public string? Attribute(string key) => Attributes.FirstOrDefault(a => a.Key == key).Value;

    internal void Add(MetricPoint point)
    {
        // Exporters repeat a cumulative point with the same timestamp only on retries; keep one.
        if (_points.TryPeekLast(out var last) && last.Timestamp >= point.Timestamp)
        {
            return;
        }
        _points.Add(point);
    }
}
