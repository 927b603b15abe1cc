namespace VideoPlatform.Streaming.Metrics;

/// <summary>Answer of <c>GET /api/v2/stream/cache/stats</c>, in the seed's envelope.</summary>
public sealed record CacheStatsResponse(CacheStats CacheStats, DateTimeOffset Timestamp);
