namespace VideoPlatform.Legacy.Apis;

internal sealed record CodecInfo(bool AvproCompatible, bool UnityCompatible, IReadOnlyList<string> RecommendedCodecs);

/// <summary><c>format=json</c> answer of <c>/api/vrchat/stream</c> (seed P84).</summary>
internal sealed record VrchatStreamResponse(
    string Platform, string VideoId, string StreamUrl, string Quality, string PlayerType,
    bool VrchatOptimized, bool UnityOptimized, bool Success, string Notes, CodecInfo CodecInfo,
    bool RequiresProxy, DateTimeOffset? ExpiresAt, string Delivery);

internal sealed record CodecRecommendations(string AvproBest, string UnityBest, string CurrentSelection);

internal sealed record VrchatEndpoints(string Stream, string Download, string Info);

/// <summary>Answer of <c>/api/vrchat/info</c> (seed P85/P89).</summary>
internal sealed record VrchatInfoResponse(
    string Platform, string VideoId, LegacyVideoFields Info, bool VrchatCompatible, bool UnityCompatible,
    string PlayerType, IReadOnlyList<string> CompatibilityNotes, IReadOnlyList<string> PerformanceNotes,
    string RecommendedQuality, CodecRecommendations CodecRecommendations, VrchatEndpoints VrchatEndpoints, bool Success);

/// <summary>Answer of <c>/api/vrchat/health</c> (seed P90) with the dependencies added.</summary>
internal sealed record VrchatHealthResponse(
    string Status, string Service, string Version, IReadOnlyDictionary<string, bool> Features,
    IReadOnlyDictionary<string, string> Endpoints, IReadOnlyList<string> SupportedPlayers,
    IReadOnlyList<string> SupportedQualities, string Notes,
    IReadOnlyDictionary<string, Health.DependencyStatus> Dependencies);
