using System.Collections.Concurrent;

namespace Aspire.Hosting.Telemetry;

/// <summary>
/// The telemetry the services sent the AppHost over OTLP, kept in memory for the dashboard:
/// per resource a ring of log records, a ring of spans and a capped set of metric series with a
/// ring of points each (<see cref="TelemetryLimits"/>). Nothing is written to disk.
/// </summary>
public sealed class TelemetryStore(TelemetryLimits limits)
{
    /// <summary>Severity names in the order of OTLP's severity numbers (1–4 trace, 5–8 debug, ...).</summary>
    public static readonly string[] Levels = ["Trace", "Debug", "Information", "Warning", "Error", "Critical"];

    private readonly ConcurrentDictionary<string, ResourceTelemetry> _resources = new(StringComparer.OrdinalIgnoreCase);

    public TelemetryLimits Limits { get; } = limits;

    /// <summary>Resources that have sent anything, by name.</summary>
    public IReadOnlyList<string> Resources => _resources.Keys.Order(StringComparer.Ordinal).ToList();

    internal ResourceTelemetry For(string resource) => _resources.GetOrAdd(resource, name => new ResourceTelemetry(name, Limits));

    /// <summary>Raised after each export was stored, for whoever waits on telemetry to arrive (tests, live pages).</summary>
    public event Action? Changed;

    public void Add(TelemetryLogEntry entry) => For(entry.Resource).Logs.Add(entry);

    public void Add(TelemetrySpan span) => For(span.Resource).Spans.Add(span);

    internal void Stored() => Changed?.Invoke();

    /// <summary>Records a point of a series, creating the series unless the resource's cap is reached.</summary>
    public void AddPoint(string resource, string instance, string name, string unit, string description, MetricKind kind, bool isDelta,
        IReadOnlyList<KeyValuePair<string, string>> attributes, MetricPoint point)
    {
        var key = $"{instance}\n{name}\n{string.Join('\n', attributes.Select(a => $"{a.Key}={a.Value}"))}";
        For(resource).GetOrAddSeries(key, () => new MetricSeries(resource, instance, name, unit, description, kind, isDelta, attributes, Limits.PointsPerSeries))
            ?.Add(point);
    }

    /// <summary>Log records matching the query, newest first.</summary>
    public IReadOnlyList<TelemetryLogEntry> Logs(LogQuery query)
    {
        var minimum = query.MinimumLevel is { Length: > 0 } level ? Array.IndexOf(Levels, level) : -1;
        return Selected(query.Resource)
            .SelectMany(r => r.Logs.Snapshot())
            .Where(l => minimum < 0 || Array.IndexOf(Levels, l.Level) >= minimum)
            .Where(l => query.TraceId is not { Length: > 0 } trace || string.Equals(l.TraceId, trace, StringComparison.OrdinalIgnoreCase))
            .Where(l => query.Text is not { Length: > 0 } text
                        || l.Message.Contains(text, StringComparison.OrdinalIgnoreCase)
                        || l.Category.Contains(text, StringComparison.OrdinalIgnoreCase)
                        || l.Attributes.Any(a => a.Value.Contains(text, StringComparison.OrdinalIgnoreCase)))
            .OrderByDescending(l => l.Timestamp)
            .Take(query.Limit)
            .ToList();
    }

    /// <summary>Every span of one trace, from every resource, by start time.</summary>
    public IReadOnlyList<TelemetrySpan> Trace(string traceId) => _resources.Values
        .SelectMany(r => r.Spans.Snapshot())
        .Where(s => string.Equals(s.TraceId, traceId, StringComparison.OrdinalIgnoreCase))
        .OrderBy(s => s.Start)
        .ToList();

    /// <summary>Recent traces, newest first, optionally only those touching a resource.</summary>
    public IReadOnlyList<TraceSummary> Traces(string? resource = null, int limit = 200) => _resources.Values
        .SelectMany(r => r.Spans.Snapshot())
        .GroupBy(s => s.TraceId)
        .Select(Summarise)
        .Where(t => resource is not { Length: > 0 } || t.Resources.Contains(resource, StringComparer.OrdinalIgnoreCase))
        .OrderByDescending(t => t.Start)
        .Take(limit)
        .ToList();

    /// <summary>The metric series a resource has sent.</summary>
    public IReadOnlyList<MetricSeries> Series(string resource) =>
        _resources.TryGetValue(resource, out var telemetry) ? telemetry.Series.ToList() : [];

    /// <summary>Points of a resource not kept because their series would have passed <see cref="TelemetryLimits.SeriesPerResource"/>.</summary>
    public long RefusedPoints(string resource) => _resources.TryGetValue(resource, out var r) ? r.RefusedSeries : 0;

    /// <summary>How much is held for a resource right now.</summary>
    public (int Logs, int Spans, int Series, long Points) Counts(string resource) =>
        _resources.TryGetValue(resource, out var r)
            ? (r.Logs.Count, r.Spans.Count, r.Series.Count, r.Series.Sum(s => (long)s.Points.Count))
            : (0, 0, 0, 0);

    private IEnumerable<ResourceTelemetry> Selected(string? resource) => resource is { Length: > 0 }
        ? _resources.TryGetValue(resource, out var one) ? [one] : []
        : _resources.Values;

    private static TraceSummary Summarise(IGrouping<string, TelemetrySpan> trace)
    {
        var spans = trace.ToList();
        var ids = spans.Select(s => s.SpanId).ToHashSet();
        // The root is the span without a parent; while it has not arrived yet, the earliest whose parent is missing.
        var root = spans.Where(s => s.ParentSpanId is null).MinBy(s => s.Start)
                   ?? spans.Where(s => !ids.Contains(s.ParentSpanId!)).MinBy(s => s.Start)
                   ?? spans.MinBy(s => s.Start)!;
        var start = spans.Min(s => s.Start);
        var end = spans.Max(s => s.End);
        return new TraceSummary(trace.Key, root.Name, root.Resource, start, end - start,
            spans.OrderBy(s => s.Start).Select(s => s.Resource).Distinct(StringComparer.OrdinalIgnoreCase).ToList(),
            spans.Count, spans.Any(s => s.Status == "Error"));
    }
}
