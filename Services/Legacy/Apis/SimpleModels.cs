using VideoPlatform.Legacy.Health;

namespace VideoPlatform.Legacy.Apis;

/// <summary><c>format=json</c> answer of <c>/api/stream</c> (seed P78).</summary>
internal sealed record SimpleStreamResponse(string Platform, string VideoId, string StreamUrl, string Quality, bool Success);

/// <summary>Answer of <c>/api/info</c> (seed P79).</summary>
internal sealed record SimpleInfoResponse(string Platform, string VideoId, LegacyVideoFields Info, bool StreamAvailable, bool Success);

/// <summary>Answer of <c>/api/formats</c> (seed P81), with the qualities the video really has.</summary>
internal sealed record SimpleFormatsResponse(
    string Platform, string VideoId, IReadOnlyList<string> AvailableQualities, string RecommendedQuality,
    LegacyVideoFields VideoInfo, bool Success);

/// <summary>One platform of <c>/api/platforms</c> (seed P83).</summary>
internal sealed record LegacyPlatform(
    string Name, string PlatformId, IReadOnlyList<string> Domains, IReadOnlyList<string> ExampleUrls,
    IReadOnlyList<string> Features, string? Notes);

internal sealed record LegacyPlatformList(
    IReadOnlyList<LegacyPlatform> SupportedPlatforms, int TotalPlatforms,
    IReadOnlyList<string> SimpleEndpoints, IReadOnlyList<string> VrchatEndpoints, IReadOnlyList<string> VrchatFeatures);

/// <summary>Answer of <c>/api/health</c> with each dependency's health.</summary>
internal sealed record LegacyHealthReport(
    string Status, DateTimeOffset Timestamp, string Version, IReadOnlyDictionary<string, DependencyStatus> Services);
