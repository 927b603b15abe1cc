namespace VideoPlatform.Legacy.Apis;

internal sealed record V3Links(string Self, string Proxy, string Info, string Embed);

/// <summary><c>format=json</c> answer of <c>/api/v3/streaming/{platform}/{id}</c> (seed P37).</summary>
internal sealed record V3StreamResponse(
    string Platform, string VideoId, string StreamUrl, string Quality, string Player, bool Cached, DateTimeOffset? ExpiresAt, V3Links Links);

internal sealed record V3PlayerCompatibility(bool Avpro, bool Unity, bool Html5, bool Vrchat);

/// <summary>Answer of <c>/api/v3/streaming/info/{platform}/{id}</c> (seed P39), from the real stream.</summary>
internal sealed record V3StreamInfo(
    string Platform, string VideoId, bool Available, string? StreamUrl, IReadOnlyList<string> QualityOptions,
    IReadOnlyList<string> SupportedFormats, V3PlayerCompatibility PlayerCompatibility, IReadOnlyDictionary<string, string> Links);

/// <summary><c>VideoResponse</c> of <c>/api/v3/videos/*</c> (seed P47/P49).</summary>
internal sealed record V3VideoResponse(
    string Id, string Url, PythonVideoInfo Info, string? TaskId, string? DownloadUrl, string? StreamUrl,
    string Status, DateTimeOffset CreatedAt, IReadOnlyDictionary<string, string> Links);

internal sealed record V3BatchRequest(IReadOnlyList<PythonVideoRequest>? Videos);

internal sealed record V3BatchResponse(
    string BatchId, int Total, int Successful, int Failed, IReadOnlyList<V3VideoResponse> Videos, string Status, DateTimeOffset CreatedAt);


/// <summary>Answer of <c>/api/v3/streaming/health/{platform}/{id}</c> (seed P43): <c>problem</c> is the code when it does not resolve.</summary>
internal sealed record V3StreamHealth(
    string Platform, string VideoId, bool StreamAvailable, bool StreamUrlAvailable, string HealthStatus, string? Problem);

internal sealed record V3StreamingStatistics(
    long TotalActiveStreams, long TotalRequests, long TotalBytesServed, double CacheHitRate, double AverageLatencyMs);

/// <summary>Answer of <c>/api/v3/streaming/diagnostics</c> (seed P44), the measured part of it.</summary>
internal sealed record V3Diagnostics(V3StreamingStatistics StreamingStatistics, DateTimeOffset Timestamp);
