using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;
using VideoPlatform.Contracts;
using VideoPlatform.Contracts.Metadata;
using VideoPlatform.Contracts.Streaming;
using VideoPlatform.Legacy.Compatibility;
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
        streaming.MapGet("/cache/stats", Metrics).WithName("V3CacheStats").WithJsonErrors();
        streaming.MapGet("/diagnostics", Metrics).WithName("V3Diagnostics").WithJsonErrors();
        streaming.MapGet("/{platform}/{videoId}", Stream).WithName("V3Stream").WithPlayerErrors();

        var videos = app.MapGroup("/api/v3/videos").WithTags("v3");
        videos.MapPost("/info", PostInfo).WithName("V3Info").WithJsonErrors();
        videos.MapPost("/batch/info", PostBatchInfo).WithName("V3BatchInfo").WithJsonErrors();
        videos.MapPost("/download", PostDownload).WithName("V3Download").WithJsonErrors();
        videos.MapGet("/tasks/{taskId}", V2Api.GetTask).WithName("V3Task").WithJsonErrors();

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
        var stream = await streams.ResolveAsync(video, quality, player, null, cancellationToken);
        var url = streams.PlayableUrl(stream, player, quality);
        return format == "json"
            ? TypedResults.Ok(new V3StreamResponse(platform, videoId, url, quality, PlayerDetector.NameOf(player), false, stream.ExpiresAt,
                new V3Links(self, self.Replace("/streaming/", "/streaming/proxy/"), self.Replace("/streaming/", "/streaming/info/"), self.Replace("/streaming/", "/streaming/embed/"))))
            : TypedResults.Redirect(url);
    }

    internal static Task Proxy(HttpContext context, string platform, string videoId, ServiceForwarder forwarder) =>
        forwarder.ForwardAsync(context, "streaming", $"/api/v2/stream/proxy/{Uri.EscapeDataString(platform)}/{Uri.EscapeDataString(videoId)}");

    internal static async Task<Ok<V3StreamInfo>> Info(string platform, string videoId, PlayerStreams streams, CancellationToken cancellationToken)
    {
        ResolvedStream? stream = null;
        try
        {
            stream = await streams.ResolveAsync(new LocatedVideo(platform, videoId), "best", PlayerKind.Auto, null, cancellationToken);
        }
        catch (Refit.ApiException ex) when ((int)ex.StatusCode is >= 400 and < 500 && ex.StatusCode != System.Net.HttpStatusCode.BadRequest)
        {
            // The seed answered "available": false for a video without a stream.
        }
        var progressive = stream?.Format is { HasAudio: true, HasVideo: true, Ext: "mp4" } && stream.RequiresProxy == false;
        var path = $"{Uri.EscapeDataString(platform)}/{Uri.EscapeDataString(videoId)}";
        return TypedResults.Ok(new V3StreamInfo(
            platform, videoId, stream is not null, stream is null ? null : streams.PlayableUrl(stream, PlayerKind.Auto, "best"),
            ["best", "720p", "480p", "360p", "worst"], ["mp4", "webm"],
            new V3PlayerCompatibility(stream is not null, progressive || stream?.ProxyPath is not null, stream is not null, stream is not null),
            new Dictionary<string, string>
            {
                ["stream"] = $"/api/v3/streaming/{path}",
                ["proxy"] = $"/api/v3/streaming/proxy/{path}",
                ["embed"] = $"/api/v3/streaming/embed/{path}",
                ["download"] = $"/api/v3/streaming/proxy/{path}?download=true",
            }));
    }

    internal static async Task<Ok<GoSuccess<StreamMetrics>>> Metrics(IStreamingApi streaming, TimeProvider time, CancellationToken cancellationToken) =>
        await V2Api.GetMetrics(streaming, time, cancellationToken);

    internal static async Task<Ok<V3VideoResponse>> PostInfo(
        PythonVideoRequest request, VideoLocator locator, IMetadataApi metadata, TimeProvider time, CancellationToken cancellationToken)
    {
        var video = await locator.LocateAsync(request.Url, cancellationToken);
        var info = await metadata.GetVideoAsync(video.Platform, video.VideoId, cancellationToken);
        return TypedResults.Ok(Response(request.Url!, info, "info_extracted", null, null, time));
    }

    internal static async Task<Ok<V3BatchResponse>> PostBatchInfo(
        V3BatchRequest request, VideoLocator locator, IMetadataApi metadata, TimeProvider time, CancellationToken cancellationToken)
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
                var video = await locator.LocateAsync(item.Url, cancellationToken);
                var info = await metadata.GetVideoAsync(video.Platform, video.VideoId, cancellationToken);
                results.Add(Response(item.Url!, info, "info_extracted", null, null, time));
            }
            catch (Exception ex) when (LegacyErrorFilter.Classify(ex) is { Code: not UpstreamFailure.DependencyUnavailable } failure)
            {
                var error = new VideoInfo { Id = "", Platform = "", Title = "Error", Description = failure.Message };
                results.Add(Response(item.Url ?? "", error, "failed", null, null, time));
            }
        }
        var failed = results.Count(r => r.Status == "failed");
        return TypedResults.Ok(new V3BatchResponse($"batch_{time.GetUtcNow().ToUnixTimeSeconds()}", results.Count,
            results.Count - failed, failed, results, "completed", time.GetUtcNow()));
    }

    internal static async Task<Accepted<V3VideoResponse>> PostDownload(
        HttpContext context, PythonVideoRequest request, VideoLocator locator, IMetadataApi metadata, PlayerStreams streams,
        TimeProvider time, CancellationToken cancellationToken)
    {
        var video = await locator.LocateAsync(request.Url, cancellationToken);
        var info = await metadata.GetVideoAsync(video.Platform, video.VideoId, cancellationToken);
        var task = new DownloadTask(video.Platform, video.VideoId, LegacyQuality.ForSimple(request.Quality));
        var url = streams.ProxyUrl(task.Video, task.Quality, PlayerKind.Auto,
            VrchatFileName.Sanitize(request.CustomFilename ?? info.Title, $"{video.Platform}_{video.VideoId}"));
        context.Response.Headers["X-Task-ID"] = task.Id;
        context.Response.Headers["X-Video-ID"] = video.VideoId;
        return TypedResults.Accepted($"/api/v3/videos/tasks/{task.Id}", Response(request.Url!, info, "download_started", task.Id, url, time));
    }

    internal static Ok<Dictionary<string, object>> MetaInfo() => TypedResults.Ok(new Dictionary<string, object>
    {
        ["api"] = new Dictionary<string, string>
        {
            ["name"] = "Video Streaming API",
            ["version"] = "3.0.0",
            ["description"] = "Legacy routes over the metadata and streaming services",
            ["documentation_url"] = "/docs",
            ["openapi_url"] = "/openapi/v1.json",
        },
        ["features"] = new Dictionary<string, object>
        {
            ["video_platforms"] = new[] { "youtube", "bilibili" },
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
        return TypedResults.Ok(new Dictionary<string, object> { ["api_version"] = "3.0.0", ["total_routes"] = routes.Count, ["routes"] = routes });
    }

    internal static async Task<IResult> MetaHealth(DependencyHealth health, TimeProvider time, CancellationToken cancellationToken)
    {
        var services = await health.CheckAllAsync(cancellationToken);
        var down = DependencyHealth.AnyDown(services);
        var body = new Dictionary<string, object>
        {
            ["status"] = down ? "unhealthy" : "healthy",
            ["timestamp"] = time.GetUtcNow(),
            ["api_version"] = "3.0.0",
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

    private static V3VideoResponse Response(string url, VideoInfo info, string status, string? taskId, string? downloadUrl, TimeProvider time) => new(
        Guid.NewGuid().ToString(), url,
        new PythonVideoInfo(info.Id, info.Title, info.Description, info.Duration, info.Uploader, info.UploadDate,
            info.ViewCount, info.LikeCount, info.Thumbnail, info.Formats),
        taskId, downloadUrl, null, status, time.GetUtcNow(),
        taskId is null
            ? new Dictionary<string, string> { ["info"] = "/api/v3/videos/info" }
            : new Dictionary<string, string> { ["self"] = $"/api/v3/videos/tasks/{taskId}", ["download"] = downloadUrl! });
}
