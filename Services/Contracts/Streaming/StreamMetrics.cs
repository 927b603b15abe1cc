namespace VideoPlatform.Contracts.Streaming;

/// <summary>
/// Counters of what the streaming service served, with the seed Go API's field names
/// (<c>GET /api/v2/stream/metrics</c>). Per process since its start.
/// </summary>
public sealed record StreamMetrics
{
    public long TotalRequests { get; init; }
    /// <summary>Format resolutions answered from cache.</summary>
    public long CacheHits { get; init; }
    /// <summary>Format resolutions that had to ask the metadata service.</summary>
    public long CacheMisses { get; init; }
    /// <summary>Percentage of hits among resolutions, 0–100.</summary>
    public double CacheHitRate { get; init; }
    public double AverageLatencyMs { get; init; }
    public long TotalBytesServed { get; init; }
    public long ActiveStreams { get; init; }
}

/// <summary>The seed's envelope around metrics: <c>{"success":true,"data":{…}}</c>.</summary>
public sealed record StreamMetricsResponse(bool Success, StreamMetrics Data);
