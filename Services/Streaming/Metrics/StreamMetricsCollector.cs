using System.Diagnostics.Metrics;
using VideoPlatform.Contracts.Streaming;
using VideoPlatform.Streaming.Proxy;

namespace VideoPlatform.Streaming.Metrics;

/// <summary>
/// Counts what the service serves, both for the seed's JSON metrics and as OpenTelemetry
/// instruments scraped at <c>/metrics</c>. Thread-safe and lock-free.
/// </summary>
public sealed class StreamMetricsCollector
{
    public const string MeterName = "VideoPlatform.Streaming";

    private readonly Counter<long> _requests;
    private readonly Counter<long> _bytes;
    private readonly UpDownCounter<long> _active;
    private readonly Histogram<double> _latency;
    private readonly Counter<long> _reResolves;
    private readonly Histogram<double> _timeToFirstByte;
    private readonly Histogram<double> _upstreamLatency;
    private readonly Counter<long> _tokenRejections;
    private readonly Counter<long> _downloadJobs;
    private readonly Counter<long> _bodiesInterrupted;

    private long _totalRequests;
    private long _cacheHits;
    private long _cacheMisses;
    private long _totalBytes;
    private long _activeStreams;
    private long _latencyTicks;
    private long _latencySamples;
    private long _buffersInUse;

    public StreamMetricsCollector(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _requests = meter.CreateCounter<long>("streaming.requests", "{request}", "Stream requests by mode and platform.");
        _bytes = meter.CreateCounter<long>("streaming.bytes_served", "By", "Bytes proxied to clients.");
        _active = meter.CreateUpDownCounter<long>("streaming.active_streams", "{stream}", "Streams being proxied now.");
        _reResolves = meter.CreateCounter<long>("streaming.re_resolves", "{resolve}", "Expired upstream URLs resolved again while proxying.");
        // Seconds, as Prometheus expects, with buckets from a quick cache hit to a slow CDN.
        var seconds = new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30] };
        _latency = meter.CreateHistogram("streaming.resolve.duration", "s", "Time to resolve a stream URL, by cache hit or miss.", advice: seconds);
        _timeToFirstByte = meter.CreateHistogram("streaming.time_to_first_byte", "s",
            "From a proxied request's arrival to its first body byte sent (resolution and upstream included).", advice: seconds);
        _upstreamLatency = meter.CreateHistogram("streaming.upstream.duration", "s",
            "From a request to the media host to its response headers, per hop.", advice: seconds);
        _tokenRejections = meter.CreateCounter<long>("streaming.token_rejections", "{token}", "Segment tokens refused, by reason: malformed, signature, expired.");
        _downloadJobs = meter.CreateCounter<long>("streaming.download_jobs", "{job}", "Download jobs entering a state: queued, running, completed, failed, cancelled.");
        _bodiesInterrupted = meter.CreateCounter<long>("streaming.proxy.interrupted", "{body}",
            "Proxied bodies that ended before their last byte, by the side that ended them (upstream, client) and why (error, idle, left).");
        meter.CreateObservableUpDownCounter("streaming.proxy.buffers_in_use", () => Interlocked.Read(ref _buffersInUse), "{buffer}",
            "Copy buffers held by proxied streams now; a stream waiting for upstream holds none.");
    }

    public void FirstByteSent(string platform, TimeSpan elapsed) =>
        _timeToFirstByte.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("platform", platform));

    /// <summary>One upstream hop answered (<paramref name="status"/> its code) or failed (<c>error</c>).</summary>
    public void UpstreamAnswered(string status, TimeSpan elapsed) =>
        _upstreamLatency.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("status", status));

    /// <summary>A proxied body ended early; counted by the side that ended it and why.</summary>
    public void BodyInterrupted(BodyCopyOutcome outcome)
    {
        var (side, reason) = outcome switch
        {
            BodyCopyOutcome.UpstreamFailed => ("upstream", "error"),
            BodyCopyOutcome.UpstreamIdle => ("upstream", "idle"),
            BodyCopyOutcome.ClientLeft => ("client", "left"),
            BodyCopyOutcome.ClientIdle => ("client", "idle"),
            BodyCopyOutcome.ClientFailed => ("client", "error"),
            _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "A completed body was not interrupted."),
        };
        _bodiesInterrupted.Add(1, new("side", side), new("reason", reason));
    }

    public void BufferRented() => Interlocked.Increment(ref _buffersInUse);

    public void BufferReturned() => Interlocked.Decrement(ref _buffersInUse);

    public void TokenRejected(string reason) => _tokenRejections.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public void DownloadJobEntered(string state) => _downloadJobs.Add(1, new KeyValuePair<string, object?>("state", state));

    public void RequestStarted(string mode, string platform)
    {
        Interlocked.Increment(ref _totalRequests);
        _requests.Add(1, new("mode", mode), new("platform", platform));
    }

    public void Resolved(bool fromCache, TimeSpan elapsed)
    {
        Interlocked.Increment(ref fromCache ? ref _cacheHits : ref _cacheMisses);
        Interlocked.Add(ref _latencyTicks, elapsed.Ticks);
        Interlocked.Increment(ref _latencySamples);
        _latency.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("cache", fromCache ? "hit" : "miss"));
    }

    public void ReResolved() => _reResolves.Add(1);

    public void BytesServed(long count)
    {
        Interlocked.Add(ref _totalBytes, count);
        _bytes.Add(count);
    }

    /// <summary>Marks a stream active until the returned handle is disposed.</summary>
    public IDisposable StreamOpened()
    {
        Interlocked.Increment(ref _activeStreams);
        _active.Add(1);
        return new ActiveStream(this);
    }

    public StreamMetrics Snapshot()
    {
        var hits = Interlocked.Read(ref _cacheHits);
        var misses = Interlocked.Read(ref _cacheMisses);
        var samples = Interlocked.Read(ref _latencySamples);
        var resolutions = hits + misses;
        return new StreamMetrics
        {
            TotalRequests = Interlocked.Read(ref _totalRequests),
            CacheHits = hits,
            CacheMisses = misses,
            CacheHitRate = resolutions == 0 ? 0 : Math.Round(hits * 100.0 / resolutions, 2),
            AverageLatencyMs = samples == 0 ? 0 : Math.Round(TimeSpan.FromTicks(Interlocked.Read(ref _latencyTicks) / samples).TotalMilliseconds, 3),
            TotalBytesServed = Interlocked.Read(ref _totalBytes),
            ActiveStreams = Interlocked.Read(ref _activeStreams),
        };
    }

    private sealed class ActiveStream(StreamMetricsCollector owner) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                Interlocked.Decrement(ref owner._activeStreams);
                owner._active.Add(-1);
            }
        }
    }
}
