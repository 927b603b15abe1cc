namespace VideoPlatform.Legacy.Apis;

/// <summary>The Go API's success envelope: <c>{success, message, data, timestamp}</c>.</summary>
internal sealed record GoSuccess<T>(bool Success, string Message, T Data, DateTimeOffset Timestamp);

internal sealed record GoFormat(string FormatId, string Url, string Ext, string? Quality, string? Resolution, long? Filesize, long? Bitrate, string? Codec);

/// <summary>The Go API's <c>VideoInfo</c> (seed G6/H6): integer duration, flattened formats.</summary>
internal sealed record GoVideoInfo(
    string Id, string Title, string? Description, long Duration, string? Thumbnail, string Platform,
    string? Uploader, long? ViewCount, long? LikeCount, IReadOnlyList<GoFormat> Formats, string? UploadDate);

internal sealed record GoPlaylistEntry(string Id, string? Title, double? Duration, string? Uploader, string? WebpageUrl);

/// <summary>The Go API's <c>PlaylistInfo</c> (seed H7).</summary>
internal sealed record GoPlaylistInfo(
    string Id, string? Title, string? Description, string? Uploader, string? WebpageUrl, int EntryCount,
    string Platform, IReadOnlyList<GoPlaylistEntry> Entries);

internal sealed record GoMemory(double AllocMb, double TotalAllocMb, double SysMb, int NumGc);

/// <summary>The Go API's health answer (seed G2/H2) with legacy's dependencies as its services.</summary>
internal sealed record GoHealth(
    string Status, DateTimeOffset Timestamp, string Version, IReadOnlyDictionary<string, string> Services, string Uptime, GoMemory Memory);

internal sealed record Banner(
    string Name, string Version, string Description, string DocsUrl, string OpenapiUrl, string HealthUrl,
    IReadOnlyDictionary<string, string> Endpoints, IReadOnlyList<string> SupportedPlatforms, DateTimeOffset Timestamp);

/// <summary>Answer of <c>/api/v2/system/version</c> (seed P8).</summary>
internal sealed record ApiVersion(string Name, string Version, string Description, DateTimeOffset Timestamp);
