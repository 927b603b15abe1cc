using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using VideoPlatform.Contracts;
using VideoPlatform.Contracts.Legacy;
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

/// <summary>
/// The v2 routes old clients used: the Go API's (<c>/</c>, <c>/api/v2/videos/{platform}/{id}</c>,
/// <c>/api/v2/stream/…</c>, playlists, system health) and the Python API's <c>/api/v2/videos/*</c>.
/// </summary>
internal static class V2Api
{
    private static readonly string[] CountryHeaders = ["CF-IPCountry", "X-Country-Code", "X-Appengine-Country", "X-Geo-Country"];

    public static IEndpointRouteBuilder MapV2Api(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", GetBanner).WithName("Banner").WithTags("v2").ExcludeFromDescription();
        app.MapGet("/api/v2/system/health", GetSystemHealth).WithName("SystemHealth").WithTags("v2")
            .WithSummary("The Go API's health answer; 503 when a dependency is down.");
        app.MapGet("/api/v2/system/version", GetVersion).WithName("SystemVersion").WithTags("v2")
            .WithSummary("Name, version and description of this API (seed P8).");

        var go = app.MapGroup("/api/v2").WithTags("v2");
        go.MapGet("/videos/{platform}/{videoId}", GetVideo).WithName("GoVideo").WithJsonErrors();
        go.MapGet("/playlists/{platform}/{playlistId}", GetPlaylist).WithName("GoPlaylist").WithJsonErrors();
        go.MapGet("/stream/metrics", GetMetrics).WithName("GoStreamMetrics").WithJsonErrors();
        go.MapGet("/stream/proxy/{platform}/{videoId}", ForwardProxy).WithName("GoStreamProxy").WithPlayerErrors();
        go.MapGet("/stream/direct/{platform}/{videoId}", Direct).WithName("GoStreamDirect").WithPlayerErrors();
        go.MapGet("/stream/embed/{platform}/{videoId}", Embed).WithName("StreamEmbed").WithPlayerErrors();
        go.MapGet("/stream/{platform}/{**videoId}", Smart).WithName("GoSmartStream").WithPlayerErrors();

        var python = app.MapGroup("/api/v2/videos").WithTags("v2 (Python)");
        python.MapPost("/info", PostInfo).WithName("PythonInfo").WithJsonErrors();
        python.MapPost("/stream", PostStream).WithName("PythonStream").WithJsonErrors();
        python.MapGet("/stream-proxy", StreamProxy).WithName("PythonStreamProxy").WithPlayerErrors();
        python.MapGet("/redirect", Redirect).WithName("PythonRedirect").WithPlayerErrors();
        python.MapGet("/download/vrchat", VrchatApi.Download).WithName("PythonVrchatDownload").WithPlayerErrors();
        python.MapPost("/download", PostDownload).WithName("PythonDownload").WithJsonErrors();
        python.MapPost("/batch-download", PostBatchDownload).WithName("PythonBatchDownload").WithJsonErrors();
        python.MapGet("/tasks/{taskId}", GetTask).WithName("PythonTask").WithJsonErrors();
        python.MapDelete("/tasks/{taskId}", CancelTask).WithName("PythonCancelTask").WithJsonErrors();
        return app;
    }

    internal static async Task<Ok<Banner>> GetBanner(SupportedPlatforms platforms, TimeProvider time, CancellationToken cancellationToken) =>
        TypedResults.Ok(new Banner(
            ApiIdentity.Name, ApiIdentity.Version, ApiIdentity.Description,
            "/docs", "/openapi/v1.json", "/api/health",
            new Dictionary<string, string>
            {
                ["health"] = "/api/v2/system/health",
                ["streaming"] = "/api/v2/stream/{platform}/{video_id}?mode=&quality=&country=",
                ["proxy"] = "/api/v2/stream/proxy/{platform}/{video_id}",
                ["direct"] = "/api/v2/stream/direct/{platform}/{video_id}",
                ["info"] = "/api/v2/videos/{platform}/{video_id}",
                ["playlists"] = "/api/v2/playlists/{platform}/{playlist_id}",
                ["vrchat"] = "/api/vrchat/stream?url=",
                ["simple"] = "/api/stream?url=",
            },
            await platforms.NamesAsync(cancellationToken), time.GetUtcNow()));

    internal static Ok<ApiVersion> GetVersion(TimeProvider time) =>
        TypedResults.Ok(new ApiVersion(ApiIdentity.Name, ApiIdentity.Version, ApiIdentity.Description, time.GetUtcNow()));

    internal static async Task<IResult> GetSystemHealth(DependencyHealth health, TimeProvider time, CancellationToken cancellationToken)
    {
        var services = await health.CheckAllAsync(cancellationToken);
        var down = DependencyHealth.AnyDown(services);
        var process = System.Diagnostics.Process.GetCurrentProcess();
        var report = new GoHealth(
            down ? "unhealthy" : services.Values.All(s => s.Status == "Healthy") ? "healthy" : "degraded",
            time.GetUtcNow(), ApiIdentity.Version,
            services.ToDictionary(s => s.Key, s => s.Value.Status == "Unhealthy" ? $"unhealthy: {s.Value.Detail}" : s.Value.Status.ToLowerInvariant()),
            Uptime(time.GetUtcNow() - process.StartTime.ToUniversalTime()),
            new GoMemory(Mb(GC.GetTotalMemory(false)), Mb(GC.GetTotalAllocatedBytes()), Mb(process.WorkingSet64), GC.CollectionCount(0)));
        return down ? TypedResults.Json(report, statusCode: StatusCodes.Status503ServiceUnavailable) : TypedResults.Ok(report);
    }

    internal static async Task<Ok<GoSuccess<GoVideoInfo>>> GetVideo(
        string platform, string videoId, IMetadataApi metadata, TimeProvider time, CancellationToken cancellationToken)
    {
        var video = await metadata.GetVideoAsync(platform, videoId, cancellationToken);
        var formats = video.Formats.Select(f => new GoFormat(
            f.FormatId, f.Url, f.Ext, f.QualityLabel ?? (f.Height is { } h ? $"{h}p" : null),
            f.Width is { } w && f.Height is { } hh ? $"{w}x{hh}" : null, f.Filesize, f.Bitrate,
            f.HasVideo ? f.Vcodec : f.Acodec)).ToList();
        return TypedResults.Ok(new GoSuccess<GoVideoInfo>(true, "Video information retrieved successfully", new GoVideoInfo(
            video.Id, video.Title, video.Description, (long)Math.Round(video.Duration ?? 0), video.Thumbnail, video.Platform,
            video.Uploader, video.ViewCount, video.LikeCount, formats, video.UploadDate), time.GetUtcNow()));
    }

    internal static async Task<Ok<GoSuccess<GoPlaylistInfo>>> GetPlaylist(
        string platform, string playlistId, ILegacyMetadataApi metadata, TimeProvider time, CancellationToken cancellationToken)
    {
        using var document = JsonDocument.Parse(await metadata.GetPlaylistAsync(platform, playlistId, cancellationToken));
        var playlist = document.RootElement;
        // Metadata's playlists carry "items" (Contracts' Playlist); the seed's shape said "entries".
        var entries = (playlist.TryGetProperty("items", out var list) || playlist.TryGetProperty("entries", out list)) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Select(e => new GoPlaylistEntry(
                Text(e, "id") ?? "", Text(e, "title"), Number(e, "duration"), Text(e, "uploader") ?? Text(e, "author"),
                Text(e, "webpage_url") ?? Text(e, "url") ?? (Text(e, "id") is { } id ? CanonicalUrl(platform, id) : null))).ToList()
            : [];
        return TypedResults.Ok(new GoSuccess<GoPlaylistInfo>(true, "Playlist information retrieved successfully", new GoPlaylistInfo(
            Text(playlist, "id") ?? playlistId, Text(playlist, "title"), Text(playlist, "description"), Text(playlist, "uploader") ?? Text(playlist, "author"),
            Text(playlist, "webpage_url") ?? Text(playlist, "url"),
            (int)(Number(playlist, "entry_count") ?? Number(playlist, "video_count") ?? entries.Count),
            Text(playlist, "platform") ?? platform, entries), time.GetUtcNow()));
    }

    internal static async Task<Ok<GoSuccess<StreamMetrics>>> GetMetrics(IStreamingApi streaming, TimeProvider time, CancellationToken cancellationToken)
    {
        var metrics = await streaming.GetMetricsAsync(cancellationToken);
        return TypedResults.Ok(new GoSuccess<StreamMetrics>(true, "Streaming metrics retrieved successfully", metrics.Data, time.GetUtcNow()));
    }

    internal static Task ForwardProxy(HttpContext context, string platform, string videoId, ServiceForwarder forwarder) =>
        forwarder.ForwardAsync(context, "streaming", $"/api/v2/stream/proxy/{Uri.EscapeDataString(platform)}/{Uri.EscapeDataString(videoId)}");

    internal static async Task<RedirectHttpResult> Direct(
        HttpContext context, string platform, string videoId, PlayerStreams streams, string? quality, string? player, CancellationToken cancellationToken)
    {
        var kind = PlayerDetector.Detect(player, context.Request.Headers.UserAgent);
        var chosen = quality ?? "best";
        var stream = await streams.ResolveAsync(new LocatedVideo(platform, videoId), chosen, kind, null, cancellationToken);
        VrchatApi.NoStore(context);
        return TypedResults.Redirect(streams.PlayableUrl(stream, kind, chosen));
    }

    /// <summary>
    /// The Go API's single stream route: <c>mode=proxy|direct</c> forces; otherwise streaming decides
    /// (<c>Streaming:ProxyCountries</c>, default CN, where the CDNs are unreachable) whether the
    /// viewer gets the bytes relayed or a 302. A full URL may stand in the path.
    /// </summary>
    internal static async Task<IResult> Smart(
        HttpContext context, string platform, string? videoId, VideoLocator locator, PlayerStreams streams,
        ServiceForwarder forwarder, CancellationToken cancellationToken)
    {
        var query = LegacyQuery.Parse(context.Request.QueryString.Value);
        var video = platform is "http:" or "https:"
            ? await locator.LocateAsync(UrlFromPath(platform, videoId, context.Request.QueryString.Value), cancellationToken)
            : new LocatedVideo(platform, videoId ?? "");
        var quality = query["quality"] ?? "best";
        var player = PlayerDetector.Detect(query["player"], context.Request.Headers.UserAgent);
        var mode = query["mode"]?.ToLowerInvariant();
        if (mode != "proxy")
        {
            var stream = await streams.ResolveAsync(video, quality, player, CountryOf(context, query["country"]), cancellationToken);
            if (!stream.RequiresProxy && (mode == "direct" || !stream.ProxyForViewer))
            {
                VrchatApi.NoStore(context);
                return TypedResults.Redirect(PlayerStreams.RedirectTarget(stream.StreamUrl));
            }
        }
        await forwarder.ForwardAsync(context, "streaming", PlayerStreams.ProxyPath(video, quality, player).Split('?')[0],
            QueryString.Create("quality", quality).Add("player", PlayerDetector.NameOf(player)));
        return Results.Empty;
    }

    /// <summary>The embeddable page is streaming's; this is where the old clients ask for it.</summary>
    internal static Task Embed(HttpContext context, string platform, string videoId, ServiceForwarder forwarder) =>
        forwarder.ForwardAsync(context, "streaming", $"/api/v2/stream/embed/{Uri.EscapeDataString(platform)}/{Uri.EscapeDataString(videoId)}");

    internal static async Task<Ok<PythonVideoInfo>> PostInfo(
        PythonVideoRequest request, VideoLocator locator, IMetadataApi metadata, CancellationToken cancellationToken)
    {
        var video = await locator.LocateAsync(request.Url, cancellationToken);
        return TypedResults.Ok(ToPython(await metadata.GetVideoAsync(video.Platform, video.VideoId, cancellationToken)));
    }

    internal static async Task<Ok<PythonStreamResponse>> PostStream(
        PythonVideoRequest request, VideoLocator locator, IMetadataApi metadata, PlayerStreams streams, CancellationToken cancellationToken)
    {
        var video = await locator.LocateAsync(request.Url, cancellationToken);
        var quality = LegacyQuality.ForSimple(request.Quality);
        var info = await metadata.GetVideoAsync(video.Platform, video.VideoId, cancellationToken);
        var stream = await streams.ResolveAsync(video, quality, PlayerKind.Auto, null, cancellationToken);
        return TypedResults.Ok(new PythonStreamResponse(
            streams.PlayableUrl(stream, PlayerKind.Auto, quality), ToPython(info), stream.ExpiresAt?.ToString("yyyy-MM-dd HH:mm:ss")));
    }

    internal static async Task StreamProxy(HttpContext context, VideoLocator locator, ServiceForwarder forwarder, CancellationToken cancellationToken)
    {
        var query = LegacyQuery.Parse(context.Request.QueryString.Value);
        var video = await locator.LocateAsync(query.Target, cancellationToken);
        var quality = LegacyQuality.ForSimple(query["quality"]);
        await forwarder.ForwardAsync(context, "streaming",
            $"/api/v2/stream/proxy/{Uri.EscapeDataString(video.Platform)}/{Uri.EscapeDataString(video.VideoId)}",
            QueryString.Create("quality", quality));
    }

    internal static Task<RedirectHttpResult> Redirect(HttpContext context, VideoLocator locator, PlayerStreams streams, CancellationToken cancellationToken) =>
        V1Api.RawLinkFor(context, "url", locator, streams, cancellationToken);

    internal static async Task<Ok<PythonDownloadResponse>> PostDownload(
        PythonVideoRequest request, LegacyDownloads downloads, CancellationToken cancellationToken) =>
        TypedResults.Ok(Started(await downloads.StartAsync(request.Url, request.Quality, request.AudioOnly, request.CustomFilename, cancellationToken)));

    internal static async Task<Ok<PythonBatchResponse>> PostBatchDownload(
        PythonBatchRequest request, LegacyDownloads downloads, TimeProvider time, CancellationToken cancellationToken)
    {
        var urls = request.Urls ?? [];
        if (urls.Count is 0 or > 10)
        {
            throw new LegacyRequestException(ErrorCodes.InvalidRequest, "Between 1 and 10 URLs are accepted per batch.");
        }
        var tasks = new List<PythonDownloadResponse>();
        foreach (var url in urls)
        {
            try
            {
                tasks.Add(Started(await downloads.StartAsync(url, request.Quality, request.AudioOnly, null, cancellationToken)));
            }
            catch (Exception ex) when (LegacyErrorFilter.Classify(ex) is { Code: not UpstreamFailure.DependencyUnavailable } failure)
            {
                // As in the seed, one bad URL fails its own item, not the batch.
                tasks.Add(new PythonDownloadResponse("", "failed", failure.Message, null, null, null));
            }
        }
        return TypedResults.Ok(new PythonBatchResponse($"batch_{time.GetUtcNow().ToUnixTimeSeconds()}", urls.Count, tasks));
    }

    internal static async Task<Ok<PythonTaskInfo>> GetTask(string taskId, LegacyDownloads downloads, CancellationToken cancellationToken) =>
        TypedResults.Ok(TaskInfo(taskId, await downloads.GetAsync(taskId, cancellationToken), downloads));

    /// <summary>A job as the seed's <c>TaskInfo</c>.</summary>
    internal static PythonTaskInfo TaskInfo(string taskId, DownloadJob job, LegacyDownloads downloads) =>
        new(
            taskId, LegacyDownloads.SeedStatus(job), Math.Round(job.Percent, 1), LegacyDownloads.Message(job),
            job.CreatedAt.ToString("yyyy-MM-dd HH:mm:ss"), job.UpdatedAt.ToString("yyyy-MM-dd HH:mm:ss"),
            downloads.FileUrl(job, LegacyTaskId.TryParse(taskId)!), job.Error, job.ErrorCode,
            job.State == DownloadStates.Completed ? job.Bytes : null);

    internal static async Task<Ok<LegacyMessage>> CancelTask(string taskId, LegacyDownloads downloads, CancellationToken cancellationToken)
    {
        await downloads.CancelAsync(taskId, cancellationToken);
        return TypedResults.Ok(new LegacyMessage("Download cancelled successfully"));
    }

    private static PythonDownloadResponse Started(StartedDownload started) =>
        new(started.Id.ToString(), LegacyDownloads.SeedStatus(started.Job), "Download started", ToPython(started.Info), null, null);

    private static PythonVideoInfo ToPython(VideoInfo v) => new(
        v.Id, v.Title, v.Description, v.Duration, v.Uploader, v.UploadDate, v.ViewCount, v.LikeCount, v.Thumbnail, v.Formats);

    // "/api/v2/stream/https:/www.youtube.com/watch?v=x": the path lost one slash and the query is the URL's.
    private static string UrlFromPath(string scheme, string? rest, string? rawQuery)
    {
        var own = (rawQuery ?? "").TrimStart('?').Split('&')
            .Where(p => p.Length > 0 && !LegacyQuery.KnownParameters.Contains(p.Split('=')[0]));
        var tail = string.Join('&', own);
        return $"{scheme}//{(rest ?? "").TrimStart('/')}{(tail.Length > 0 ? "?" + tail : "")}";
    }

    private static string? CountryOf(HttpContext context, string? requested)
    {
        var candidates = new[] { requested }.Concat(CountryHeaders.Select(h => (string?)context.Request.Headers[h].ToString()));
        return candidates.Select(c => c?.Trim().ToUpperInvariant())
            .FirstOrDefault(c => c is { Length: 2 } && c is not ("ZZ" or "XX"));
    }

    private static string CanonicalUrl(string platform, string id) => platform switch
    {
        "bilibili" => $"https://www.bilibili.com/video/{id}",
        _ => $"https://www.youtube.com/watch?v={id}",
    };

    private static string? Text(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static double? Number(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;

    private static double Mb(long bytes) => Math.Round(bytes / 1024.0 / 1024.0, 1);

    private static string Uptime(TimeSpan span) => $"{(int)span.TotalHours}h{span.Minutes}m{span.Seconds}s";
}
