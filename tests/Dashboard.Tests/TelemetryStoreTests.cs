using Aspire.Hosting.Telemetry;

namespace VideoPlatform.Dashboard.Tests;

/// <summary>The dashboard's telemetry stays within its caps however much a service sends.</summary>
public sealed class TelemetryStoreTests
{
    private static readonly TelemetryLimits Small = new() { LogsPerResource = 100, SpansPerResource = 50, SeriesPerResource = 10, PointsPerSeries = 20 };

    [Fact]
    public void Logs_spans_and_points_stay_within_their_caps_and_the_newest_are_kept()
    {
        var store = new TelemetryStore(Small);
        var start = DateTimeOffset.UnixEpoch;
        for (var i = 0; i < 10_000; i++)
        {
            store.Add(new TelemetryLogEntry("metadata", "metadata-0", start.AddMilliseconds(i), "Information", 9, "test", $"line {i}", [], null, null));
            store.Add(new TelemetrySpan("metadata", "metadata-0", $"{i:x32}", $"{i:x16}", null, "GET", "Server", "test",
                start.AddMilliseconds(i), start.AddMilliseconds(i + 1), "Unset", null, []));
            store.AddPoint("metadata", "metadata-0", "requests", "{request}", "", MetricKind.Counter, false, [], new MetricPoint(start.AddSeconds(i), i));
        }

        var (logs, spans, series, points) = store.Counts("metadata");
        Assert.Equal((100, 50, 1, 20L), (logs, spans, series, points));
        var newest = store.Logs(new LogQuery(Limit: int.MaxValue));
        Assert.Equal("line 9999", newest[0].Message);
        Assert.Equal("line 9900", newest[^1].Message);
        Assert.Equal(50, store.Traces(limit: int.MaxValue).Count);
        Assert.Equal(9999, store.Series("metadata").Single().Points[^1].Value);
    }

    [Fact]
    public void An_attribute_with_endless_values_cannot_grow_the_series_beyond_the_cap()
    {
        var store = new TelemetryStore(Small);
        for (var i = 0; i < 1_000; i++)
        {
            store.AddPoint("streaming", "streaming-0", "streaming.requests", "{request}", "", MetricKind.Counter, false,
                [new("video", $"id{i}")], new MetricPoint(DateTimeOffset.UnixEpoch.AddSeconds(i), 1));
        }

        Assert.Equal(10, store.Series("streaming").Count);
        Assert.Equal(990, store.RefusedPoints("streaming"));
        // Series already known keep receiving points.
        store.AddPoint("streaming", "streaming-0", "streaming.requests", "{request}", "", MetricKind.Counter, false,
            [new("video", "id0")], new MetricPoint(DateTimeOffset.UnixEpoch.AddDays(1), 2));
        Assert.Equal(2, store.Series("streaming").Single(s => s.Attribute("video") == "id0").Points.Count);
    }

    [Fact]
    public void Each_resource_has_its_own_caps()
    {
        var store = new TelemetryStore(Small);
        for (var i = 0; i < 500; i++)
        {
            store.Add(new TelemetryLogEntry("legacy", "legacy", DateTimeOffset.UnixEpoch.AddMilliseconds(i), "Warning", 13, "test", $"legacy {i}", [], null, null));
        }
        store.Add(new TelemetryLogEntry("metadata", "metadata", DateTimeOffset.UnixEpoch, "Information", 9, "test", "quiet", [], null, null));

        Assert.Equal(100, store.Counts("legacy").Logs);
        Assert.Equal("quiet", store.Logs(new LogQuery(Resource: "metadata")).Single().Message);
        Assert.Equal(100, store.Logs(new LogQuery(MinimumLevel: "Warning", Limit: int.MaxValue)).Count);
    }
}
