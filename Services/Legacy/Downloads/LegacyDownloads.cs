using VideoPlatform.Contracts;
using VideoPlatform.Contracts.Metadata;
using VideoPlatform.Contracts.Streaming;
using VideoPlatform.Legacy.Streams;
using VideoPlatform.Legacy.Upstream;
using VideoPlatform.Legacy.Vrchat;

namespace VideoPlatform.Legacy.Downloads;

/// <summary>
/// The seed's download tasks as streaming's download jobs: starting one starts a real job (the
/// video muxed or extracted by ffmpeg), and following it reports the job's real state, progress
/// and error, with its file on streaming's public address once it is there.
/// </summary>
internal sealed class LegacyDownloads(
    IStreamingApi streaming, IMetadataApi metadata, VideoLocator locator, StreamingPublicAddress streamingAddress)
{
    /// <summary>
    /// Starts a job for the video at <paramref name="url"/>, after asking metadata for its details:
    /// a dead video is refused there, with its own code, before any job exists.
    /// <paramref name="fileName"/> (the seed's <c>custom_filename</c>) is sanitised as VRChat names are.
    /// </summary>
    public async Task<StartedDownload> StartAsync(string? url, string? quality, bool audioOnly, string? fileName, CancellationToken cancellationToken)
    {
        var video = await locator.LocateAsync(url, cancellationToken);
        var info = await metadata.GetVideoAsync(video.Platform, video.VideoId, cancellationToken);
        var name = fileName is null ? null : VrchatFileName.Sanitize(fileName, $"{video.Platform}_{video.VideoId}");
        var job = await streaming.StartDownloadAsync(
            new DownloadRequest(url, LegacyQuality.ForSimple(quality), null, audioOnly, null, name), cancellationToken);
        return new StartedDownload(new LegacyTaskId(job.Id, job.Token!), job, info);
    }

    /// <summary>The task's job as streaming reports it now, with the id parsed once and the file's URL once there is one.</summary>
    public async Task<LegacyTask> GetAsync(string taskId, CancellationToken cancellationToken)
    {
        var id = Parse(taskId);
        var job = await streaming.GetDownloadAsync(id.JobId, id.Token, cancellationToken);
        return new LegacyTask(id, job, FileUrl(job, id));
    }

    public async Task CancelAsync(string taskId, CancellationToken cancellationToken)
    {
        var id = Parse(taskId);
        await streaming.DeleteDownloadAsync(id.JobId, id.Token, cancellationToken);
    }

    /// <summary>Where the finished file is fetched, on streaming's public address; null until the job is completed.</summary>
    private string? FileUrl(DownloadJob job, LegacyTaskId id) => job.State == DownloadStates.Completed
        ? streamingAddress.For($"/api/v2/downloads/{job.Id}/file{QueryString.Create("token", id.Token)}")
        : null;

    /// <summary>The seed's task states: <c>pending|processing|completed|failed</c>.</summary>
    public static string SeedStatus(DownloadJob job) => job.State switch
    {
        DownloadStates.Queued => "pending",
        DownloadStates.Running => "processing",
        DownloadStates.Completed => "completed",
        _ => "failed",
    };

    public static string Message(DownloadJob job) => job.State switch
    {
        DownloadStates.Queued => "Download queued",
        DownloadStates.Running => $"Downloading: {job.Percent:0.#} %",
        DownloadStates.Completed => "Download completed",
        DownloadStates.Cancelled => "Download cancelled",
        _ => job.Error ?? "Download failed",
    };

    private static LegacyTaskId Parse(string taskId) => LegacyTaskId.TryParse(taskId)
        ?? throw new ProblemException(ErrorCodes.NotFound, $"Task '{taskId}' was not found.");
}
