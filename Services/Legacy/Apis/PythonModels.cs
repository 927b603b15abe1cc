using System.Text.Json.Serialization;
using VideoPlatform.Contracts.Metadata;
using VideoPlatform.Contracts.Streaming;
using VideoPlatform.Legacy.Downloads;

namespace VideoPlatform.Legacy.Apis;

/// <summary>Python <c>VideoInfo</c> (seed §1.0) as <c>POST /api/v2/videos/info</c> returned it.</summary>
internal sealed record PythonVideoInfo(
    string Id, string Title, string? Description, double? Duration, string? Uploader, string? UploadDate,
    long? ViewCount, long? LikeCount, string? Thumbnail, IReadOnlyList<VideoFormat> Formats)
{
    public static PythonVideoInfo From(VideoInfo v) => new(
        v.Id, v.Title, v.Description, v.Duration, v.Uploader, v.UploadDate, v.ViewCount, v.LikeCount, v.Thumbnail, v.Formats);
}

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
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    IReadOnlyDictionary<string, string>? Links = null)
{
    public static PythonTaskInfo From(LegacyTask task) => new(
        task.Id.ToString(), LegacyDownloads.SeedStatus(task.Job), Math.Round(task.Job.Percent, 1), LegacyDownloads.Message(task.Job),
        task.Job.CreatedAt.ToString("yyyy-MM-dd HH:mm:ss"), task.Job.UpdatedAt.ToString("yyyy-MM-dd HH:mm:ss"),
        task.FileUrl, task.Job.Error, task.Job.ErrorCode,
        task.Job.State == DownloadStates.Completed ? task.Job.Bytes : null);
}

/// <summary>The seed's <c>{"message": …}</c> answers.</summary>
internal sealed record LegacyMessage(string Message);
