using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;
using VideoPlatform.Contracts;
using VideoPlatform.Contracts.Metadata;
using VideoPlatform.Contracts.Streaming;
using VideoPlatform.Legacy.Compatibility;
using VideoPlatform.Legacy.Downloads;
using VideoPlatform.Legacy.Forwarding;
using VideoPlatform.Legacy.Health;
using VideoPlatform.Legacy.Streams;
using VideoPlatform.Legacy.Upstream;
using VideoPlatform.Legacy.Vrchat;

namespace VideoPlatform.Legacy.Apis;

/// <summary>The seed's v3 routes: <c>/api/v3/streaming/*</c>, <c>/api/v3/videos/*</c>, <c>/api/v3/meta/*</c>.</summary>
internal static class V3Api
{
    public static IEndpointRouteBuilder MapV3Api(this IEndpointRouteBuilder app)
    {
        var streaming = app.MapGroup("/api/v3/streaming").WithTags("v3");
        streaming.MapGet("/proxy/{platform}/{videoId}", Proxy).WithName("V3Proxy").WithPlayerErrors();
        streaming.MapGet("/info/{platform}/{videoId}", Info).WithName("V3StreamInfo").WithJsonErrors();
        streaming.MapGet("/embed/{platform}/{videoId}", V2Api.Embed).WithName("V3Embed").WithPlayerErrors();
        streaming.MapGet("/cache/stats", V2StreamApi.CacheStats).WithName("V3CacheStats").WithJsonErrors();
        streaming.MapDelete("/cache", ClearCache).WithName("V3ClearCache").WithJsonErrors();
        streaming.MapGet("/health/{platform}/{videoId}", StreamHealth).WithName("V3StreamHealth").WithJsonErrors();
        streaming.MapGet("/diagnostics", Diagnostics).WithName("V3Diagnostics").WithJsonErrors();
        streaming.MapGet("/{platform}/{videoId}", Stream).WithName("V3Stream").WithPlayerErrors();

        var videos = app.MapGroup("/api/v3/videos").WithTags("v3");
        videos.MapPost("/info", PostInfo).WithName("V3Info").WithJsonErrors();
        videos.MapPost("/batch/info", PostBatchInfo).WithName("V3BatchInfo").WithJsonErrors();
        videos.MapPost("/download", PostDownload).WithName("V3Download").WithJsonErrors();
        videos.MapPost("/batch/download", PostBatchDownload).WithName("V3BatchDownload").WithJsonErrors();
        videos.MapGet("/tasks/{taskId}", GetTask).WithName("V3Task").WithJsonErrors();
        videos.MapDelete("/tasks/{taskId}", CancelTask).WithName("V3CancelTask").WithJsonErrors();
        videos.MapGet("/{videoId}", GetVideo).WithName("V3Video").WithJsonErrors();

        var meta = app.MapGroup("/api/v3/meta").WithTags("v3");
        meta.MapGet("/info", MetaInfo).WithName("V3MetaInfo");
        meta.MapGet("/routes", MetaRoutes).WithName("V3MetaRoutes");
        meta.MapGet("/health", MetaHealth).WithName("V3MetaHealth");
        meta.MapGet("/docs", MetaDocs).WithName("V3MetaDocs");
        return app;
    }

    internal static async Task<IResult> Stream(
        HttpContext context, string platform, string videoId, PlayerStreams streams, CancellationToken cancellationToken)
    {
        var query = LegacyQuery.Parse(context.Request.QueryString.Value);
        var quality = query["quality"] ?? "best";
        RouteValues.EnsureSafe(platform, videoId, quality);
        var player = PlayerDetector.Detect(query["player"], context.Request.Headers.UserAgent);
        var video = new LocatedVideo(platform, videoId);
        var self = $"/api/v3/streaming/{Uri.EscapeDataString(platform)}/{Uri.EscapeDataString(videoId)}";
        context.Response.Headers["X-Platform"] = platform;
        context.Response.Headers["X-Video-ID"] = videoId;
        context.Response.Headers["X-Quality"] = quality;
        context.Response.Headers["X-Player"] = PlayerDetector.NameOf(player);
        VrchatApi.NoStore(context);

        var format = query["format"]?.ToLowerInvariant();
        if (format == "proxy")
        {
            return TypedResults.Redirect($"/api/v3/streaming/proxy/{Uri.EscapeDataString(platform)}/{Uri.EscapeDataString(videoId)}" +
                QueryString.Create("quality", quality).Add("player", PlayerDetector.NameOf(player)));
        }
        var (stream, kept) = await streams.ResolveKeptAsync(video, quality, player, null, cancellationToken);
        var url = streams.PlayableUrl(stream, player, quality);
        return format == "json"
            ? TypedResults.Ok(new V3StreamResponse(platform, videoId, url, quality, PlayerDetector.NameOf(player), kept, stream.ExpiresAt,
                new V3Links(self, self.Replace("/streaming/", "/streaming/proxy/"), self.Replace("/streaming/", "/streaming/info/"), self.Replace("/streaming/", "/streaming/embed/"))))
            : TypedResults.Redirect(url);
    }

    internal static Task Proxy(HttpContext context, string platform, string videoId, ServiceForwarder forwarder) =>
        forwarder.ForwardAsync(context, "streaming", $"/api/v2/stream/proxy/{Uri.EscapeDataString(platform)}/{Uri.EscapeDataString(videoId)}");

    internal static async Task<Ok<V3StreamInfo>> Info(
        string platform, string videoId, PlayerStreams streams, IMetadataApi metadata, CancellationToken cancellationToken)
    {
        ResolvedStream? stream = null;
        IReadOnlyList<VideoFormat> formats = [];
        try
        {
            stream = await streams.ResolveAsync(new LocatedVideo(platform, videoId), "best", PlayerKind.Auto, null, cancellationToken);
            formats = (await metadata.GetFormatsAsync(platform, videoId, cancellationToken)).Formats;
        }
        catch (Refit.ApiException ex) when ((int)ex.StatusCode is >= 400 and < 500 && ex.StatusCode != System.Net.HttpStatusCode.BadRequest)
        {
            // The seed answered "available": false for a video without a stream.
        }
        var progressive = stream?.Format is { HasAudio: true, HasVideo: true, Ext: "mp4" } && stream.RequiresProxy == false;
        var path = $"{Uri.EscapeDataString(platform)}/{Uri.EscapeDataString(videoId)}";
        return TypedResults.Ok(new V3StreamInfo(
            platform, videoId, stream is not null, stream is null ? null : streams.PlayableUrl(stream, PlayerKind.Auto, "best"),
            QualityOptions(formats), formats.Where(f => f.HasVideo).Select(f => f.Ext).Distinct().Order(StringComparer.Ordinal).ToList(),
            new V3PlayerCompatibility(stream is not null, progressive || stream?.ProxyPath is not null, stream is not null, stream is not null),
            new Dictionary<string, string>
            {
                ["stream"] = $"/api/v3/streaming/{path}",
                ["proxy"] = $"/api/v3/streaming/proxy/{path}",
                ["embed"] = $"/api/v3/streaming/embed/{path}",
                ["download"] = $"/api/v3/streaming/proxy/{path}?download=true",
            }));
    }

    /// <summary>What the seed listed as fixed words, from the heights the video really has: best, each height, worst.</summary>
    private static List<string> QualityOptions(IReadOnlyList<VideoFormat> formats)
    {
        var heights = formats.Where(f => f.HasVideo && f.Height > 0).Select(f => f.Height!.Value).Distinct().OrderDescending().Select(h => $"{h}p");
        return formats.Count == 0 ? [] : ["best", .. heights, "worst"];
    }

    /// <summary>
    /// Seed P42 only logged; here it forgets what legacy keeps of a video's streams (and that it
    /// was dead), of a platform's, or all: the next load resolves afresh.
    /// </summary>
    internal static async Task<NoContent> ClearCache(
        HttpContext context, string? platform, [Microsoft.AspNetCore.Mvc.FromQuery(Name = "video_id")] string? videoId, RecentStreams recent, DeadVideos dead, TimeProvider time, CancellationToken cancellationToken)
    {
        if (platform is not null)
        {
            RouteValues.EnsureSafe(platform, videoId ?? "any");
        }
        else if (videoId is not null)
        {
            throw new LegacyRequestException(ErrorCodes.InvalidRequest, "video_id goes with platform.");
        }
        await recent.ForgetAsync(platform, videoId, cancellationToken);
        if (platform is not null && videoId is not null)
        {
            dead.Forget(new LocatedVideo(platform, videoId));
        }
        context.Response.Headers["X-Cache-Cleared"] = platform is null ? "*" : videoId is null ? $"{platform}:*" : $"{platform}:{videoId}";
        context.Response.Headers["X-Timestamp"] = time.GetUtcNow().ToString("O");
        return TypedResults.NoContent();
    }

    /// <summary>Seed P43: whether the video resolves at its lowest quality now.</summary>
    internal static async Task<Ok<V3StreamHealth>> StreamHealth(string platform, string videoId, PlayerStreams streams, CancellationToken cancellationToken)
    {
        RouteValues.EnsureSafe(platform, videoId);
        string? problem = null;
        ResolvedStream? stream = null;
        try
        {
            stream = await streams.ResolveAsync(new LocatedVideo(platform, videoId), "worst", PlayerKind.Auto, null, cancellationToken);
        }
        catch (Exception ex) when (LegacyErrorFilter.Classify(ex) is { Code: not UpstreamFailure.DependencyUnavailable } failure)
        {
            problem = failure.Code;
        }
        return TypedResults.Ok(new V3StreamHealth(platform, videoId, stream is not null, stream?.StreamUrl is { Length: > 0 },
            stream is null ? "degraded" : "healthy", problem));
    }

    /// <summary>Seed P44's <c>streaming_statistics</c>, from streaming's own counters.</summary>
    internal static async Task<Ok<V3Diagnostics>> Diagnostics(IStreamingApi streaming, TimeProvider time, CancellationToken cancellationToken)
    {
        var metrics = (await streaming.GetMetricsAsync(cancellationToken)).Data;
        return TypedResults.Ok(new V3Diagnostics(
            new V3StreamingStatistics(metrics.ActiveStreams, metrics.TotalRequests, metrics.TotalBytesServed, metrics.CacheHitRate, metrics.AverageLatencyMs),
            time.GetUtcNow()));
    }

    internal static async Task<Ok<V3VideoResponse>> PostInfo(
        PythonVideoRequest request, VideoLocator locator, IMetadataApi metadata, TimeProvider time, CancellationToken cancellationToken)
    {
        var video = await locator.LocateAsync(request.Url, cancellationToken);
        var info = await metadata.GetVideoAsync(video.Platform, video.VideoId, cancellationToken);
        return TypedResults.Ok(Response(request.Url!, info, "info_extracted", null, time));
    }

    internal static async Task<Ok<V3BatchResponse>> PostBatchInfo(
        V3BatchRequest request, VideoLocator locator, IMetadataApi metadata, TimeProvider time, CancellationToken cancellationToken) =>
        TypedResults.Ok(await RunBatchAsync(request, "completed", async item =>
        {
            var video = await locator.LocateAsync(item.Url, cancellationToken);
            var info = await metadata.GetVideoAsync(video.Platform, video.VideoId, cancellationToken);
            return Response(item.Url!, info, "info_extracted", null, time);
        }, time));

    internal static async Task<Accepted<V3VideoResponse>> PostDownload(
        HttpContext context, PythonVideoRequest request, LegacyDownloads downloads, TimeProvider time, CancellationToken cancellationToken)
    {
        var started = await StartDownloadAsync(request, downloads, time, cancellationToken);
        context.Response.Headers["X-Task-ID"] = started.TaskId;
        context.Response.Headers["X-Video-ID"] = started.Info.Id;
        return TypedResults.Accepted($"/api/v3/videos/tasks/{started.TaskId}", started);
    }

    /// <summary>Seed P50: a job per video, each item failing on its own.</summary>
    internal static async Task<Accepted<V3BatchResponse>> PostBatchDownload(
        HttpContext context, V3BatchRequest request, LegacyDownloads downloads, TimeProvider time, CancellationToken cancellationToken)
    {
        var batch = await RunBatchAsync(request, "started", item => StartDownloadAsync(item, downloads, time, cancellationToken), time);
        context.Response.Headers["X-Batch-ID"] = batch.BatchId;
        return TypedResults.Accepted((string?)null, batch);
    }

    /// <summary>Seed P51: the task with links to itself, its cancellation and, once done, its file.</summary>
    internal static async Task<Ok<PythonTaskInfo>> GetTask(string taskId, LegacyDownloads downloads, CancellationToken cancellationToken)
    {
        var task = V2Api.TaskInfo(taskId, await downloads.GetAsync(taskId, cancellationToken), downloads);
        var links = new Dictionary<string, string> { ["self"] = $"/api/v3/videos/tasks/{taskId}", ["cancel"] = $"/api/v3/videos/tasks/{taskId}" };
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
    internal static async Task<Ok<V3VideoResponse>> GetVideo(
        string videoId, VideoLocator locator, IMetadataApi metadata, TimeProvider time, CancellationToken cancellationToken)
    {
        var url = videoId.StartsWith("BV", StringComparison.Ordinal) || videoId.StartsWith("av", StringComparison.OrdinalIgnoreCase)
            ? $"https://www.bilibili.com/video/{Uri.EscapeDataString(videoId)}"
            : $"https://www.youtube.com/watch?v={Uri.EscapeDataString(videoId)}";
        var video = await locator.LocateAsync(url, cancellationToken);
        var info = await metadata.GetVideoAsync(video.Platform, video.VideoId, cancellationToken);
        return TypedResults.Ok(Response(url, info, "info_extracted", null, time));
    }

    private static async Task<V3VideoResponse> StartDownloadAsync(
        PythonVideoRequest request, LegacyDownloads downloads, TimeProvider time, CancellationToken cancellationToken)
    {
        var started = await downloads.StartAsync(request.Url, request.Quality, request.AudioOnly, request.CustomFilename, cancellationToken);
        return Response(request.Url!, started.Info, "download_started", started.Id.ToString(), time);
    }

    private static async Task<V3BatchResponse> RunBatchAsync(
        V3BatchRequest request, string status, Func<PythonVideoRequest, Task<V3VideoResponse>> run, TimeProvider time)
    {
        var items = request.Videos ?? [];
        if (items.Count is 0 or > 10)
        {
            throw new LegacyRequestException(ErrorCodes.InvalidRequest, "Between 1 and 10 videos are accepted per batch.");
        }
        var results = new List<V3VideoResponse>();
        foreach (var item in items)
        {
            try
            {
                results.Add(await run(item));
            }
            catch (Exception ex) when (LegacyErrorFilter.Classify(ex) is { Code: not UpstreamFailure.DependencyUnavailable } failure)
            {
                var error = new VideoInfo { Id = "", Platform = "", Title = "Error", Description = failure.Message };
                results.Add(Response(item.Url ?? "", error, "failed", null, time));
            }
        }
        var failed = results.Count(r => r.Status == "failed");
        return new V3BatchResponse($"batch_{time.GetUtcNow().ToUnixTimeSeconds()}", results.Count,
            results.Count - failed, failed, results, status, time.GetUtcNow());
    }

    internal static async Task<Ok<Dictionary<string, object>>> MetaInfo(SupportedPlatforms platforms, CancellationToken cancellationToken) =>
        TypedResults.Ok(new Dictionary<string, object>
        {
            ["api"] = new Dictionary<string, string>
            {
                ["name"] = ApiIdentity.Name,
                ["version"] = ApiIdentity.Version,
                ["description"] = "Legacy routes over the metadata and streaming services",
                ["documentation_url"] = "/docs",
                ["openapi_url"] = "/openapi/v1.json",
            },
            ["features"] = new Dictionary<string, object>
            {
                ["video_platforms"] = await platforms.NamesAsync(cancellationToken),
                ["vrchat_optimization"] = true,
                ["unity_player_support"] = true,
                ["unicode_filename_support"] = true,
                ["batch_operations"] = true,
                ["caching"] = true,
            },
            ["limits"] = new Dictionary<string, int> { ["max_batch_size"] = 10, ["max_filename_length"] = 255, ["supported_url_length"] = 2048 },
            ["contact"] = new Dictionary<string, string> { ["documentation"] = "/docs", ["health_check"] = "/api/health", ["api_routes"] = "/api/v3/meta/routes" },
        });

    internal static Ok<Dictionary<string, object>> MetaRoutes(EndpointDataSource endpoints)
    {
        var routes = endpoints.Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api", StringComparison.Ordinal) == true)
            .Select(e => new Dictionary<string, string>
            {
                ["path"] = e.RoutePattern.RawText!,
                ["method"] = string.Join(',', e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]),
                ["description"] = e.Metadata.GetMetadata<IEndpointSummaryMetadata>()?.Summary ?? "",
            })
            .OrderBy(r => r["path"], StringComparer.Ordinal).ToList();
        return TypedResults.Ok(new Dictionary<string, object> { ["api_version"] = ApiIdentity.Version, ["total_routes"] = routes.Count, ["routes"] = routes });
    }

    internal static async Task<IResult> MetaHealth(DependencyHealth health, TimeProvider time, CancellationToken cancellationToken)
    {
        var services = await health.CheckAllAsync(cancellationToken);
        var down = DependencyHealth.AnyDown(services);
        var body = new Dictionary<string, object>
        {
            ["status"] = down ? "unhealthy" : "healthy",
            ["timestamp"] = time.GetUtcNow(),
            ["api_version"] = ApiIdentity.Version,
            ["components"] = services.ToDictionary(s => s.Key, s => (object)new Dictionary<string, string?>
            {
                ["status"] = s.Value.Status.ToLowerInvariant(),
                ["description"] = s.Value.Detail ?? $"{s.Key} service",
            }),
        };
        return down ? TypedResults.Json(body, statusCode: StatusCodes.Status503ServiceUnavailable) : TypedResults.Ok(body);
    }

    internal static Ok<Dictionary<string, object>> MetaDocs() => TypedResults.Ok(new Dictionary<string, object>
    {
        ["documentation"] = new Dictionary<string, string> { ["legacy"] = "docs/legacy.md" },
        ["interactive_docs"] = new Dictionary<string, string> { ["swagger_ui"] = "/docs", ["openapi_spec"] = "/openapi/v1.json" },
    });

    private static V3VideoResponse Response(string url, VideoInfo info, string status, string? taskId, TimeProvider time) => new(
        Guid.NewGuid().ToString(), url,
        new PythonVideoInfo(info.Id, info.Title, info.Description, info.Duration, info.Uploader, info.UploadDate,
            info.ViewCount, info.LikeCount, info.Thumbnail, info.Formats),
        taskId, null, null, status, time.GetUtcNow(),
        taskId is null
            ? new Dictionary<string, string> { ["info"] = "/api/v3/videos/info" }
            : new Dictionary<string, string> { ["self"] = $"/api/v3/videos/tasks/{taskId}", ["cancel"] = $"/api/v3/videos/tasks/{taskId}" });
}
