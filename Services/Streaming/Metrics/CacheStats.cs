namespace VideoPlatform.Streaming.Metrics;

/// <summary>
/// The seed's <c>cache_stats</c>, filled in for real: videos whose formats this instance holds
/// now, by platform, and its hits and misses since start.
/// </summary>
public sealed record CacheStats(
    int TotalCachedStreams,
    IReadOnlyDictionary<string, int> PlatformBreakdown,
    long CacheHits,
    long CacheMisses,
    double CacheHitRate,
    double TtlSeconds,
    DateTimeOffset Timestamp);
