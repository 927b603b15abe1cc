using Aspire.Hosting.Telemetry;

namespace Aspire.Hosting.Dashboard;

/// <summary>
/// Turns stored series into what a chart shows over the last minutes, in fixed steps: counters
/// and histogram counts as rates (the difference between cumulative points, replicas added
/// up), histogram sums over counts as mean durations, gauges as the sum of the replicas' latest
/// values.
/// </summary>
internal static class MetricCharts
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan Step = TimeSpan.FromSeconds(5);

    private enum View
    {
        Rate,
        Mean,
        Value,
        HitRatio,
    }

    /// <summary>The charts worth a look for each kind of service, when it exports the instrument.</summary>
    private static readonly (string Instrument, View View, string Title, string Unit, double Scale)[] KeyCharts =
    [
        ("http.server.request.duration", View.Rate, "Request rate", "req/s", 1),
        ("http.server.request.duration", View.Mean, "Request latency (mean)", "ms", 1000),
        ("http.client.request.duration", View.Mean, "Outgoing call latency (mean)", "ms", 1000),
        ("metadata.cache.lookups", View.HitRatio, "Cache hit rate", "%", 100),
        ("streaming.requests", View.Rate, "Stream requests", "req/s", 1),
        ("streaming.bytes_served", View.Rate, "Bytes streamed", "B/s", 1),
        ("streaming.active_streams", View.Value, "Active streams", "streams", 1),
        ("streaming.resolve.duration", View.Mean, "Stream resolve latency (mean)", "ms", 1),
    ];

    public static IReadOnlyList<MetricChart> For(TelemetryStore store, string resource, string? instrument, DateTimeOffset now)
    {
        var series = store.Series(resource);
        var charts = new List<MetricChart>();
        foreach (var (name, view, title, unit, scale) in KeyCharts)
        {
            var matching = series.Where(s => s.Name == name).ToList();
            if (matching.Count > 0)
            {
                charts.Add(Build(name, view, title, unit, scale, matching, now));
            }
        }
        if (instrument is { Length: > 0 } && KeyCharts.All(k => k.Instrument != instrument) && series.Where(s => s.Name == instrument).ToList() is { Count: > 0 } chosen)
        {
            var first = chosen[0];
            var (view, unit) = first.Kind switch
            {
                MetricKind.Counter => (View.Rate, first.Unit + "/s"),
                MetricKind.Histogram => (View.Mean, first.Unit),
                _ => (View.Value, first.Unit),
            };
            charts.Insert(0, Build(instrument, view, instrument, unit, 1, chosen, now));
        }
        return charts;
    }

    private static MetricChart Build(string instrument, View view, string title, string unit, double scale, List<MetricSeries> series, DateTimeOffset now)
    {
        var steps = (int)(Window / Step);
        var end = new DateTimeOffset(now.Ticks - now.Ticks % Step.Ticks, TimeSpan.Zero) + Step;
        var start = end - steps * Step;
        var numerator = new double[steps];
        var denominator = new double[steps];
        var seen = new bool[steps];

        foreach (var one in series)
        {
            var points = one.Points;
            switch (view)
            {
                case View.Value:
                    AddLatest(points, start, steps, numerator, seen);
                    break;
                case View.Rate:
                    AddDeltas(one, points, start, steps, p => one.Kind == MetricKind.Histogram ? p.Count : p.Value, numerator, seen);
                    break;
                case View.Mean:
                    AddDeltas(one, points, start, steps, p => p.Sum, numerator, seen);
                    AddDeltas(one, points, start, steps, p => p.Count, denominator, seen);
                    break;
                case View.HitRatio:
                    if (one.Attribute("result") == "hit")
                    {
                        AddDeltas(one, points, start, steps, p => p.Value, numerator, seen);
                    }
                    AddDeltas(one, points, start, steps, p => p.Value, denominator, seen);
                    break;
            }
        }

        var chart = new List<MetricChartPoint>(steps);
        for (var i = 0; i < steps; i++)
        {
            var time = (start + (i + 1) * Step).ToUnixTimeMilliseconds();
            double? value = view switch
            {
                _ when !seen[i] => null,
                View.Rate => numerator[i] / Step.TotalSeconds,
                View.Mean or View.HitRatio => denominator[i] > 0 ? numerator[i] / denominator[i] : null,
                _ => numerator[i],
            };
            chart.Add(new MetricChartPoint(time, value * scale));
        }
        return new MetricChart($"{instrument}:{view}".Replace('.', '-').Replace(':', '-').ToLowerInvariant(), title, unit, instrument, chart);
    }

    private static int Index(DateTimeOffset time, DateTimeOffset start, int steps)
    {
        var index = (int)Math.Floor((time - start) / Step);
        return index >= 0 && index < steps ? index : -1;
    }

    /// <summary>What happened between consecutive exports, put in the step of the later one. A fall means the process restarted: its new total is the change.</summary>
    private static void AddDeltas(MetricSeries series, IReadOnlyList<MetricPoint> points, DateTimeOffset start, int steps,
        Func<MetricPoint, double> value, double[] into, bool[] seen)
    {
        for (var i = 0; i < points.Count; i++)
        {
            var index = Index(points[i].Timestamp, start, steps);
            if (index < 0)
            {
                continue;
            }
            double delta;
            if (series.IsDelta)
            {
                delta = value(points[i]);
            }
            else if (i == 0)
            {
                // The AppHost started the process, so a series' first running total counts from zero,
                // unless the ring has since forgotten the points before it.
                if (series.HasDropped)
                {
                    continue;
                }
                delta = value(points[0]);
            }
            else
            {
                var change = value(points[i]) - value(points[i - 1]);
                delta = change >= 0 ? change : value(points[i]);
            }
            into[index] += delta;
            seen[index] = true;
        }
    }

    /// <summary>Each step gets the series' last value at or before its end, carried forward from the first point on.</summary>
    private static void AddLatest(IReadOnlyList<MetricPoint> points, DateTimeOffset start, int steps, double[] into, bool[] seen)
    {
        var p = 0;
        double? current = null;
        for (var i = 0; i < steps; i++)
        {
            var stepEnd = start + (i + 1) * Step;
            while (p < points.Count && points[p].Timestamp < stepEnd)
            {
                current = points[p].Value;
                p++;
            }
            if (current is { } value)
            {
                into[i] += value;
                seen[i] = true;
            }
        }
    }
}
