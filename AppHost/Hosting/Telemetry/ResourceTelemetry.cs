using System.Collections.Concurrent;

namespace Aspire.Hosting.Telemetry;

/// <summary>What one resource has sent: its recent logs and spans, and its metric series, each bounded.</summary>
internal sealed class ResourceTelemetry(string name, TelemetryLimits limits)
{
    private readonly ConcurrentDictionary<string, MetricSeries> _series = new(StringComparer.Ordinal);
    private long _refusedSeries;

    public string Name { get; } = name;

    public RingBuffer<TelemetryLogEntry> Logs { get; } = new(limits.LogsPerResource);

    public RingBuffer<TelemetrySpan> Spans { get; } = new(limits.SpansPerResource);

    public ICollection<MetricSeries> Series => _series.Values;

    /// <summary>Points not kept because their series would have passed the cap.</summary>
    public long RefusedSeries => Interlocked.Read(ref _refusedSeries);

    /// <summary>The series for this instrument, replica and attribute set; null when the cap is reached.</summary>
    public MetricSeries? GetOrAddSeries(string key, Func<MetricSeries> create)
    {
        if (_series.TryGetValue(key, out var existing))
        {
            return existing;
        }
        if (_series.Count >= limits.SeriesPerResource)
        {
            Interlocked.Increment(ref _refusedSeries);
            return null;
        }
        return _series.GetOrAdd(key, _ => create());
    }
}
