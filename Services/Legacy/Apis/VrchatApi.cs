using Microsoft.AspNetCore.Http.HttpResults;
using VideoPlatform.Legacy.Compatibility;
using VideoPlatform.Legacy.Health;
using VideoPlatform.Legacy.Streams;
using VideoPlatform.Legacy.Upstream;
using VideoPlatform.Legacy.Vrchat;

namespace VideoPlatform.Legacy.Apis;

/// <summary>
/// <c>/api/vrchat/*</c>: GET-only routes an in-world video player loads. The default answer
/// is a 302 to a progressive MP4 ≤ 720p; errors are short plain text.
/// </summary>
internal static class VrchatApi
{
    public const string H264Note = "Progressive MP4 (H.264/AAC) up to 720p; HLS or proxied output when the CDN alone cannot play.";

    public static IEndpointRouteBuilder MapVrchatApi(this IEndpointRouteBuilder app)
    {
        var vrchat = app.MapGroup("/api/vrchat").WithTags("VRChat");
        vrchat.MapMethods("/stream", PlayerRedirects.Methods, Stream).WithName("VrchatStream").WithPlayerErrors()
            .ProducesProblems(LegacyProblemCodes.UrlToStream)
            .WithSummary("302 to a stream the player can play (format=redirect), streaming's proxy (format=proxy) or JSON (format=json).");
        vrchat.MapMethods("/download", PlayerRedirects.Methods, Download).WithName("VrchatDownload").WithPlayerErrors()
            .ProducesProblems(LegacyProblemCodes.UrlToVideo)
            .WithSummary("302 to streaming's proxy as an attachment with a VRChat-safe filename.");
        vrchat.MapGet("/info", Info).WithName("VrchatInfo").WithJsonErrors()
            .ProducesProblems(LegacyProblemCodes.UrlToVideo)
            .WithSummary("Metadata with compatibility advice: duration warnings and the recommended quality for the player.");
        vrchat.MapGet("/health", Health).WithName("VrchatHealth").ProducesProblems()
            .WithSummary("What the VRChat API supports, and whether its dependencies answer.");
        return app;
    }

    internal static async Task<IResult> Stream(HttpContext context, [AsParameters] VideoServices services, CancellationToken cancellationToken)
    {
        var query = LegacyQuery.Parse(context.Request.QueryString.Value);
        var player = PlayerDetector.Detect(query["player"], context.Request.Headers.UserAgent);
        var quality = LegacyQuality.ForPlayer(query["quality"]);
        var video = await services.Locator.LocateAsync(query.Target, cancellationToken);
        context.Response.NoStore();

        switch (query["format"]?.ToLowerInvariant())
        {
            case "proxy":
                return TypedResults.Redirect(services.Streams.ProxyUrl(video, quality, player));
            case "json":
                var stream = await services.Streams.ResolveAsync(video, quality, player, null, cancellationToken);
                var url = services.Streams.PlayableUrl(stream, player, quality);
                var progressiveMp4 = stream.Format is { HasAudio: true, HasVideo: true, Ext: "mp4" };
                return TypedResults.Ok(new VrchatStreamResponse(
                    video.Platform, video.VideoId, url, quality, PlayerDetector.NameOf(player), true, true, true,
                    H264Note,
                    new CodecInfo(progressiveMp4 || stream.HlsPath is not null, progressiveMp4, ["H.264 (avc1)", "AAC (mp4a.40.2)"]),
                    stream.RequiresProxy, stream.ExpiresAt, stream.Delivery));
            default:
                var resolved = await services.Streams.ResolveAsync(video, quality, player, null, cancellationToken);
                return TypedResults.Redirect(services.Streams.PlayableUrl(resolved, player, quality));
        }
    }

    internal static Task<RedirectHttpResult> Download(HttpContext context, [AsParameters] VideoServices services, CancellationToken cancellationToken) =>
        PlayerRedirects.AttachmentAsync(context, forPlayer: true, services, cancellationToken);

    internal static async Task<Ok<VrchatInfoResponse>> Info(HttpContext context, [AsParameters] VideoServices services, CancellationToken cancellationToken)
    {
        var query = LegacyQuery.Parse(context.Request.QueryString.Value);
        var player = PlayerDetector.Detect(query["player"], context.Request.Headers.UserAgent);
        var video = await services.Locator.LocateAsync(query.Target, cancellationToken);
        var info = await services.Metadata.GetVideoAsync(video.Platform, video.VideoId, cancellationToken);

        var advice = CompatibilityAdvice.For(info.Duration, info.Title, player, info.IsLive);
        var progressive = info.Formats.Any(f => f is { HasAudio: true, HasVideo: true, Ext: "mp4", Height: <= 720 });
        var target = Uri.EscapeDataString(query.Target!);
        var playerName = PlayerDetector.NameOf(player);
        var suffix = $"?url={target}&quality={advice.RecommendedQuality}&player={playerName}";
        return TypedResults.Ok(new VrchatInfoResponse(
            video.Platform, video.VideoId, LegacyVideoFields.From(info),
            // AVPro plays whatever streaming can proxy or package as HLS: any video. Unity's player needs
            // one progressive file (video and audio together); the proxy relays one file, it does not mux.
            VrchatCompatible: info.IsLive || info.Formats.Any(f => f.HasVideo),
            UnityCompatible: !info.IsLive && info.Formats.Any(f => f is { HasVideo: true, HasAudio: true }),
            playerName, advice.CompatibilityNotes, advice.PerformanceNotes, advice.RecommendedQuality,
            new CodecRecommendations("H.264 baseline + AAC in MP4", "H.264 + AAC in MP4",
                progressive ? "progressive MP4 from the CDN" : "streaming proxy or HLS"),
            new VrchatEndpoints($"/api/vrchat/stream{suffix}", $"/api/vrchat/download{suffix}", $"/api/vrchat/info?url={target}&player={playerName}"),
            true));
    }

    internal static async Task<IResult> Health(DependencyHealth health, CancellationToken cancellationToken)
    {
        var dependencies = await health.CheckAllAsync(cancellationToken);
        var down = DependencyHealth.AnyDown(dependencies);
        // What players can be served now: every stream needs metadata and streaming answering.
        var playing = !down;
        var report = new VrchatHealthResponse(
            down ? "unhealthy" : "healthy", "VRChat Video API", "2.0.0",
            new Dictionary<string, bool>
            {
                ["get_only_endpoints"] = true,
                ["unicode_filename_support"] = true,
                ["unity_player_optimization"] = playing,
                ["avpro_video_support"] = playing,
                ["filename_sanitization"] = true,
                ["error_handling_enhanced"] = true,
            },
            new Dictionary<string, string>
            {
                ["stream"] = "/api/vrchat/stream?url=<video url>&quality=720p&player=auto",
                ["download"] = "/api/vrchat/download?url=<video url>",
                ["info"] = "/api/vrchat/info?url=<video url>",
                ["health"] = "/api/vrchat/health",
            },
            ["avpro", "unity", "auto"], ["720p", "480p", "360p", "best"],
            "URLs may be passed un-encoded; quality is capped at 720p.",
            dependencies);
        return down ? TypedResults.Json(report, statusCode: StatusCodes.Status503ServiceUnavailable) : TypedResults.Ok(report);
    }
}
