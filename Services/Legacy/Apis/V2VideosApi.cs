using Microsoft.AspNetCore.Http.HttpResults;
using VideoPlatform.Contracts;
using VideoPlatform.Legacy.Compatibility;
using VideoPlatform.Legacy.Downloads;
using VideoPlatform.Legacy.Forwarding;
using VideoPlatform.Legacy.Streams;
using VideoPlatform.Legacy.Upstream;
using VideoPlatform.Legacy.Vrchat;

namespace VideoPlatform.Legacy.Apis;

/// <summary>The Python API's <c>/api/v2/videos/*</c>: details, streams, redirects and download tasks for a pasted URL.</summary>
internal static class V2VideosApi
{
    public static IEndpointRouteBuilder MapV2VideosApi(this IEndpointRouteBuilder app)
    {
        var python = app.MapGroup("/api/v2/videos").WithTags("v2 (Python)");
        python.MapPost("/info", PostInfo).WithName("PythonInfo").WithJsonErrors()
            .ProducesProblems(LegacyProblemCodes.UrlToVideo);
        python.MapPost("/stream", PostStream).WithName("PythonStream").WithJsonErrors()
            .ProducesProblems(LegacyProblemCodes.UrlToStream);
        python.MapGet("/stream-proxy", StreamProxy).WithName("PythonStreamProxy").WithPlayerErrors()
            .ProducesProblems(LegacyProblemCodes.UrlToStream);
        python.MapGet("/redirect", Redirect).WithName("PythonRedirect").WithPlayerErrors()
            .ProducesProblems(LegacyProblemCodes.UrlToStream);
        python.MapGet("/download/vrchat", VrchatDownload).WithName("PythonVrchatDownload").WithPlayerErrors()
            .ProducesProblems(LegacyProblemCodes.UrlToVideo);
        python.MapPost("/download", PostDownload).WithName("PythonDownload").WithJsonErrors()
            .ProducesProblems(LegacyProblemCodes.UrlToVideo);
        python.MapPost("/batch-download", PostBatchDownload).WithName("PythonBatchDownload").WithJsonErrors()
            .ProducesProblems(LegacyProblemCodes.Batch);
        python.MapGet("/tasks/{taskId}", GetTask).WithName("PythonTask").WithJsonErrors()
            .ProducesProblems(LegacyProblemCodes.Task);
        python.MapDelete("/tasks/{taskId}", CancelTask).WithName("PythonCancelTask").WithJsonErrors()
            .ProducesProblems(LegacyProblemCodes.Task);
        return app;
    }

    internal static async Task<Ok<PythonVideoInfo>> PostInfo(
        PythonVideoRequest request, [AsParameters] VideoServices services, CancellationToken cancellationToken)
    {
        var video = await services.Locator.LocateAsync(request.Url, cancellationToken);
        return TypedResults.Ok(PythonVideoInfo.From(await services.Metadata.GetVideoAsync(video.Platform, video.VideoId, cancellationToken)));
    }

    internal static async Task<Ok<PythonStreamResponse>> PostStream(
        PythonVideoRequest request, [AsParameters] VideoServices services, CancellationToken cancellationToken)
    {
        var video = await services.Locator.LocateAsync(request.Url, cancellationToken);
        var quality = LegacyQuality.ForSimple(request.Quality);
        var info = await services.Metadata.GetVideoAsync(video.Platform, video.VideoId, cancellationToken);
        var stream = await services.Streams.ResolveAsync(video, quality, PlayerKind.Auto, null, cancellationToken);
        return TypedResults.Ok(new PythonStreamResponse(
            services.Streams.PlayableUrl(stream, PlayerKind.Auto, quality), PythonVideoInfo.From(info), stream.ExpiresAt?.ToString("yyyy-MM-dd HH:mm:ss")));
    }

    internal static async Task StreamProxy(HttpContext context, [AsParameters] VideoServices services, CancellationToken cancellationToken)
    {
        var query = LegacyQuery.Parse(context.Request.QueryString.Value);
        var video = await services.Locator.LocateAsync(query.Target, cancellationToken);
        var quality = LegacyQuality.ForSimple(query["quality"]);
        await services.Forwarder.ForwardAsync(context, "streaming", StreamingPaths.Proxy(video), QueryString.Create("quality", quality));
    }

    internal static Task<RedirectHttpResult> Redirect(HttpContext context, [AsParameters] VideoServices services, CancellationToken cancellationToken) =>
        PlayerRedirects.PlayableAsync(context, "url", services, cancellationToken);

    internal static Task<RedirectHttpResult> VrchatDownload(HttpContext context, [AsParameters] VideoServices services, CancellationToken cancellationToken) =>
        PlayerRedirects.AttachmentAsync(context, forPlayer: true, services, cancellationToken);

    internal static async Task<Ok<PythonDownloadResponse>> PostDownload(
        PythonVideoRequest request, LegacyDownloads downloads, CancellationToken cancellationToken) =>
        TypedResults.Ok(Started(await downloads.StartAsync(request.Url, request.Quality, request.AudioOnly, request.CustomFilename, cancellationToken)));

    internal static async Task<Ok<PythonBatchResponse>> PostBatchDownload(
        PythonBatchRequest request, [AsParameters] DownloadServices services, CancellationToken cancellationToken)
    {
        var urls = request.Urls ?? [];
        if (urls.Count is 0 or > 10)
        {
            throw new ProblemException(ErrorCodes.InvalidRequest, "Between 1 and 10 URLs are accepted per batch.");
        }
        var tasks = new List<PythonDownloadResponse>();
        foreach (var url in urls)
        {
            try
            {
                tasks.Add(Started(await services.Downloads.StartAsync(url, request.Quality, request.AudioOnly, null, cancellationToken)));
            }
            catch (Exception ex) when (!LegacyProblems.DependencyDown(ex) && LegacyProblems.Classify(ex) is { } failure)
            {
                // As in the seed, one bad URL fails its own item, not the batch.
                tasks.Add(new PythonDownloadResponse("", "failed", failure.Message, null, null, null));
            }
        }
        return TypedResults.Ok(new PythonBatchResponse($"batch_{services.Time.GetUtcNow().ToUnixTimeSeconds()}", urls.Count, tasks));
    }

    internal static async Task<Ok<PythonTaskInfo>> GetTask(string taskId, LegacyDownloads downloads, CancellationToken cancellationToken) =>
        TypedResults.Ok(PythonTaskInfo.From(await downloads.GetAsync(taskId, cancellationToken)));

    internal static async Task<Ok<LegacyMessage>> CancelTask(string taskId, LegacyDownloads downloads, CancellationToken cancellationToken)
    {
        await downloads.CancelAsync(taskId, cancellationToken);
        return TypedResults.Ok(new LegacyMessage("Download cancelled successfully"));
    }

    private static PythonDownloadResponse Started(StartedDownload started) =>
        new(started.Id.ToString(), LegacyDownloads.SeedStatus(started.Job), "Download started", PythonVideoInfo.From(started.Info), null, null);
}
