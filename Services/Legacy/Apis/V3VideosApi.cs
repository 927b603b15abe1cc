using Microsoft.AspNetCore.Http.HttpResults;
using VideoPlatform.Contracts;
using VideoPlatform.Contracts.Metadata;
using VideoPlatform.Legacy.Downloads;
using VideoPlatform.Legacy.Upstream;

namespace VideoPlatform.Legacy.Apis;

/// <summary>The seed's <c>/api/v3/videos/*</c>: details and download tasks, one video or a batch.</summary>
internal static class V3VideosApi
{
    public static IEndpointRouteBuilder MapV3VideosApi(this IEndpointRouteBuilder app)
    {
        var videos = app.MapGroup("/api/v3/videos").WithTags("v3");
        videos.MapPost("/info", PostInfo).WithName("V3Info").WithJsonErrors()
            .ProducesProblems(LegacyProblemCodes.UrlToVideo);
        videos.MapPost("/batch/info", PostBatchInfo).WithName("V3BatchInfo").WithJsonErrors()
            .ProducesProblems(LegacyProblemCodes.Batch);
        videos.MapPost("/download", PostDownload).WithName("V3Download").WithJsonErrors()
            .ProducesProblems(LegacyProblemCodes.UrlToVideo);
        videos.MapPost("/batch/download", PostBatchDownload).WithName("V3BatchDownload").WithJsonErrors()
            .ProducesProblems(LegacyProblemCodes.Batch);
        videos.MapGet("/tasks/{taskId}", GetTask).WithName("V3Task").WithJsonErrors()
            .ProducesProblems(LegacyProblemCodes.Task);
        videos.MapDelete("/tasks/{taskId}", CancelTask).WithName("V3CancelTask").WithJsonErrors()
            .ProducesProblems(LegacyProblemCodes.Task);
        videos.MapGet("/{videoId}", GetVideo).WithName("V3Video").WithJsonErrors()
            .ProducesProblems(LegacyProblemCodes.UrlToVideo);
        return app;
    }

    internal static async Task<Ok<V3VideoResponse>> PostInfo(
        PythonVideoRequest request, [AsParameters] VideoServices services, CancellationToken cancellationToken) =>
        TypedResults.Ok(await InfoAsync(request.Url, services, cancellationToken));

    internal static async Task<Ok<V3BatchResponse>> PostBatchInfo(
        V3BatchRequest request, [AsParameters] VideoServices services, CancellationToken cancellationToken) =>
        TypedResults.Ok(await RunBatchAsync(request, "completed", item => InfoAsync(item.Url, services, cancellationToken), services.Time));

    internal static async Task<Accepted<V3VideoResponse>> PostDownload(
        HttpContext context, PythonVideoRequest request, [AsParameters] DownloadServices services, CancellationToken cancellationToken)
    {
        var started = await StartDownloadAsync(request, services, cancellationToken);
        context.Response.Headers["X-Task-ID"] = started.TaskId;
        context.Response.Headers["X-Video-ID"] = started.Info.Id;
        return TypedResults.Accepted($"/api/v3/videos/tasks/{started.TaskId}", started);
    }

    /// <summary>Seed P50: a job per video, each item failing on its own.</summary>
    internal static async Task<Accepted<V3BatchResponse>> PostBatchDownload(
        HttpContext context, V3BatchRequest request, [AsParameters] DownloadServices services, CancellationToken cancellationToken)
    {
        var batch = await RunBatchAsync(request, "started", item => StartDownloadAsync(item, services, cancellationToken), services.Time);
        context.Response.Headers["X-Batch-ID"] = batch.BatchId;
        return TypedResults.Accepted((string?)null, batch);
    }

    /// <summary>Seed P51: the task with links to itself, its cancellation and, once done, its file.</summary>
    internal static async Task<Ok<PythonTaskInfo>> GetTask(string taskId, LegacyDownloads downloads, CancellationToken cancellationToken)
    {
        var task = PythonTaskInfo.From(await downloads.GetAsync(taskId, cancellationToken));
        var self = $"/api/v3/videos/tasks/{task.TaskId}";
        var links = new Dictionary<string, string> { ["self"] = self, ["cancel"] = self };
        if (task.DownloadUrl is { } file)
        {
            links["download"] = file;
        }
        return TypedResults.Ok(task with { Links = links });
    }

    /// <summary>Seed P52: 204 with the task's id in a header.</summary>
    internal static async Task<NoContent> CancelTask(HttpContext context, string taskId, LegacyDownloads downloads, CancellationToken cancellationToken)
    {
        await downloads.CancelAsync(taskId, cancellationToken);
        context.Response.Headers["X-Task-ID"] = taskId;
        return TypedResults.NoContent();
    }

    /// <summary>
    /// Seed P46 was a placeholder ("Sample Video"); here an id is a video's: a BiliBili <c>BV…</c>/<c>av…</c>
    /// id or a YouTube id, answered with its details.
    /// </summary>
    internal static async Task<Ok<V3VideoResponse>> GetVideo(string videoId, [AsParameters] VideoServices services, CancellationToken cancellationToken)
    {
        var url = videoId.StartsWith("BV", StringComparison.Ordinal) || videoId.StartsWith("av", StringComparison.OrdinalIgnoreCase)
            ? $"https://www.bilibili.com/video/{Uri.EscapeDataString(videoId)}"
            : $"https://www.youtube.com/watch?v={Uri.EscapeDataString(videoId)}";
        return TypedResults.Ok(await InfoAsync(url, services, cancellationToken));
    }

    private static async Task<V3VideoResponse> InfoAsync(string? url, VideoServices services, CancellationToken cancellationToken)
    {
        var video = await services.Locator.LocateAsync(url, cancellationToken);
        var info = await services.Metadata.GetVideoAsync(video.Platform, video.VideoId, cancellationToken);
        return Response(url!, info, "info_extracted", null, services.Time);
    }

    private static async Task<V3VideoResponse> StartDownloadAsync(
        PythonVideoRequest request, DownloadServices services, CancellationToken cancellationToken)
    {
        var started = await services.Downloads.StartAsync(request.Url, request.Quality, request.AudioOnly, request.CustomFilename, cancellationToken);
        return Response(request.Url!, started.Info, "download_started", started.Id.ToString(), services.Time);
    }

    private static async Task<V3BatchResponse> RunBatchAsync(
        V3BatchRequest request, string status, Func<PythonVideoRequest, Task<V3VideoResponse>> run, TimeProvider time)
    {
        var items = request.Videos ?? [];
        if (items.Count is 0 or > 10)
        {
            throw new ProblemException(ErrorCodes.InvalidRequest, "Between 1 and 10 videos are accepted per batch.");
        }
        var results = new List<V3VideoResponse>();
        foreach (var item in items)
        {
            try
            {
                results.Add(await run(item));
            }
            catch (Exception ex) when (!LegacyProblems.DependencyDown(ex) && LegacyProblems.Classify(ex) is { } failure)
            {
                var error = new VideoInfo { Id = "", Platform = "", Title = "Error", Description = failure.Message };
                results.Add(Response(item.Url ?? "", error, "failed", null, time));
            }
        }
        var failed = results.Count(r => r.Status == "failed");
        return new V3BatchResponse($"batch_{time.GetUtcNow().ToUnixTimeSeconds()}", results.Count,
            results.Count - failed, failed, results, status, time.GetUtcNow());
    }

    private static V3VideoResponse Response(string url, VideoInfo info, string status, string? taskId, TimeProvider time) => new(
        Guid.NewGuid().ToString(), url, PythonVideoInfo.From(info), taskId, null, null, status, time.GetUtcNow(),
        taskId is null
            ? new Dictionary<string, string> { ["info"] = "/api/v3/videos/info" }
            : new Dictionary<string, string> { ["self"] = $"/api/v3/videos/tasks/{taskId}", ["cancel"] = $"/api/v3/videos/tasks/{taskId}" });
}
