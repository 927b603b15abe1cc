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

/// <summary>Python <c>VideoInfo</c> (seed §1.0) as <c>POST /api/v2/videos/info</c> returned it.</summary>
internal sealed record PythonVideoInfo(
    string Id, string Title, string? Description, double? Duration, string? Uploader, string? UploadDate,
    long? ViewCount, long? LikeCount, string? Thumbnail, IReadOnlyList<Contracts.Metadata.VideoFormat> Formats);

/// <summary>Body of the Python v2 POST routes (<c>DownloadRequest</c>, <c>StreamRequest</c>).</summary>
internal sealed record PythonVideoRequest(string? Url, string? Quality, string? Format, bool AudioOnly, string? CustomFilename);

internal sealed record PythonBatchRequest(IReadOnlyList<string>? Urls, string? Quality, string? Format, bool AudioOnly);

internal sealed record PythonStreamResponse(string StreamUrl, PythonVideoInfo VideoInfo, string? ExpiresAt);

internal sealed record PythonDownloadResponse(
    string TaskId, string Status, string Message, PythonVideoInfo? VideoInfo, string? DownloadUrl, long? FileSize);

internal sealed record PythonBatchResponse(string BatchId, int TotalCount, IReadOnlyList<PythonDownloadResponse> Tasks);

/// <summary>
/// The seed's <c>TaskInfo</c>, with the failed job's stable <c>error_code</c> and the finished file's
/// size; v3 adds its <c>links</c>.
/// </summary>
internal sealed record PythonTaskInfo(
    string TaskId, string Status, double? Progress, string? Message, string CreatedAt, string UpdatedAt, string? DownloadUrl,
    string? Error, string? ErrorCode, long? FileSize,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    IReadOnlyDictionary<string, string>? Links = null);

/// <summary>The seed's <c>{"message": …}</c> answers.</summary>
internal sealed record LegacyMessage(string Message);

internal sealed record Banner(
    string Name, string Version, string Description, string DocsUrl, string OpenapiUrl, string HealthUrl,
    IReadOnlyDictionary<string, string> Endpoints, IReadOnlyList<string> SupportedPlatforms, DateTimeOffset Timestamp);

/// <summary>Answer of <c>/api/v2/system/version</c> (seed P8).</summary>
internal sealed record ApiVersion(string Name, string Version, string Description, DateTimeOffset Timestamp);
