using VideoPlatform.Legacy.Vrchat;

namespace VideoPlatform.Legacy.Apis;

/// <summary>
/// The routes VRChat and Unity world video players call: GET only, everything in the query,
/// a 302 to something the player can play by default, short text errors.
/// </summary>
internal static class VrchatApi
{
    private const string Version = "3.0.0";

    public static IEndpointRouteBuilder MapVrchatApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/", V1).WithTags("VRChat").WithName("LegacyV1")
            .WithSummary("The original contract: ?yt=<video url> → 302 to the playable link.");

        var vrchat = app.MapGroup("/api/vrchat").WithTags("VRChat");
        vrchat.MapGet("/stream", Stream).WithName("VrchatStream")
            .WithSummary("?url=&quality=720p|480p|360p|best&player=avpro|unity|auto&format=redirect|proxy|json → 302 to a progressive MP4 ≤ 720p (or HLS / the proxy when that is what plays).");
        vrchat.MapGet("/download", Download).WithName("VrchatDownload")
            .WithSummary("?url=&quality=&filename= → 302 to the proxied file with a VRChat-safe name.");
        vrchat.MapGet("/info", Info).WithName("VrchatInfo")
            .WithSummary("?url=&player= → compatibility advice: duration warnings, recommended quality, codecs.");
        vrchat.MapGet("/health", Health).WithName("VrchatHealth")
            .WithSummary("What the VRChat API supports.");
        return app;
    }

    private static Task<IResult> V1(HttpContext context, LegacyStreams streams) =>
        LegacyResults.ForPlayer(async () =>
        {
            var query = LegacyQuery.Parse(context.Request.QueryString.Value ?? "");
            var video = await streams.ResolveAsync(query["yt"] ?? query.Url, context.RequestAborted);
            var stream = await streams.StreamAsync(video, "best", PlayerKind.Detect(null, context.Request.Headers.UserAgent), context.RequestAborted);
            return Results.Redirect(PlayableUrl(streams, stream));
        });

    private static Task<IResult> Stream(HttpContext context, LegacyStreams streams) =>
        LegacyResults.ForPlayer(async () =>
        {
            var query = LegacyQuery.Parse(context.Request.QueryString.Value ?? "");
            var player = PlayerKind.Detect(query["player"], context.Request.Headers.UserAgent);
            var quality = LegacyStreams.Quality(query["quality"]) ?? "720p";
            var video = await streams.ResolveAsync(query.Url, context.RequestAborted);
            var stream = await streams.StreamAsync(video, quality, player, context.RequestAborted);

            return (query["format"] ?? "redirect").ToLowerInvariant() switch
            {
                "json" => Results.Json(new
                {
                    platform = video.Platform,
                    video_id = video.Id,
                    stream_url = stream.RequiresProxy ? streams.Public(stream.ProxyPath!).ToString() : stream.StreamUrl,
                    quality,
                    player_type = player,
                    vrchat_optimized = true,
                    unity_optimized = true,
                    success = true,
                    notes = "Direct CDN links are bound to this server's address on some platforms; use format=proxy if the player cannot load them.",
                    codec_info = new
                    {
                        avpro_compatible = stream.Format.Vcodec.StartsWith("avc1", StringComparison.OrdinalIgnoreCase) || stream.Format.Protocol == "hls",
                        unity_compatible = stream.Format.Ext == "mp4" && stream.Format.Protocol != "hls",
                        recommended_codecs = new[] { "H.264 (avc1)", "AAC (mp4a)" },
                        vcodec = stream.Format.Vcodec,
                        acodec = stream.Format.Acodec,
                    },
                    expires_at = stream.ExpiresAt,
                }),
                "proxy" => Results.Redirect(streams.Public(stream.ProxyPath!).ToString()),
                _ => Results.Redirect(PlayableUrl(streams, stream)),
            };
        });

    private static Task<IResult> Download(HttpContext context, LegacyStreams streams) =>
        LegacyResults.ForPlayer(async () =>
        {
            var query = LegacyQuery.Parse(context.Request.QueryString.Value ?? "");
            var player = PlayerKind.Detect(query["player"], context.Request.Headers.UserAgent);
            var quality = LegacyStreams.Quality(query["quality"]) ?? "720p";
            var video = await streams.ResolveAsync(query.Url, context.RequestAborted);
            var title = query["filename"];
            if (string.IsNullOrWhiteSpace(title))
            {
                title = (await streams.InfoAsync(video, context.RequestAborted)).Title;
            }
            var name = VrchatFileName.Sanitize(title, $"{video.Platform}_{video.Id}_vrchat");
            var path = $"/api/v2/stream/proxy/{video.Platform}/{Uri.EscapeDataString(video.Id)}?quality={Uri.EscapeDataString(quality)}&player={player}&download=true&filename={Uri.EscapeDataString(name)}";
            return Results.Redirect(streams.Public(path).ToString());
        });

    private static Task<IResult> Info(HttpContext context, LegacyStreams streams) =>
        LegacyResults.ForJson(async () =>
        {
            var query = LegacyQuery.Parse(context.Request.QueryString.Value ?? "");
            var player = PlayerKind.Detect(query["player"], context.Request.Headers.UserAgent);
            var video = await streams.ResolveAsync(query.Url, context.RequestAborted);
            var info = await streams.InfoAsync(video, context.RequestAborted);
            var recommended = VrchatAdvice.RecommendedQuality(info.Duration, player);
            var progressive = info.Formats.Where(f => f.HasVideo && f.HasAudio && f.Ext == "mp4").ToList();
            var self = $"{context.Request.Scheme}://{context.Request.Host}";
            var encoded = Uri.EscapeDataString(query.Url!);
            return Results.Json(new
            {
                platform = video.Platform,
                video_id = video.Id,
                info = new
                {
                    id = info.Id,
                    title = info.Title,
                    description = info.Description,
                    duration = info.Duration,
                    uploader = info.Uploader,
                    upload_date = info.UploadDate,
                    view_count = info.ViewCount,
                    like_count = info.LikeCount,
                    thumbnail = info.Thumbnail,
                },
                vrchat_compatible = progressive.Count > 0 || info.IsLive,
                unity_compatible = progressive.Count > 0,
                player_type = player,
                compatibility_notes = VrchatAdvice.Notes(info.Duration, info.Title, player),
                performance_notes = progressive.Count == 0
                    ? new[] { "No progressive MP4 is offered: the stream will be proxied or served as HLS." }
                    : [],
                recommended_quality = recommended,
                codec_recommendations = new
                {
                    avpro_best = "H.264 (avc1) + AAC in MP4, or HLS",
                    unity_best = "H.264 (avc1) + AAC in progressive MP4",
                    current_selection = progressive.OrderByDescending(f => f.Height).Select(f => $"{f.QualityLabel ?? f.Height + "p"} {f.Vcodec}/{f.Acodec}").FirstOrDefault(),
                },
                vrchat_endpoints = new
                {
                    stream = $"{self}/api/vrchat/stream?url={encoded}&quality={recommended}&player={player}",
                    download = $"{self}/api/vrchat/download?url={encoded}&quality={recommended}&player={player}",
                    info = $"{self}/api/vrchat/info?url={encoded}&player={player}",
                },
                success = true,
            });
        });

    private static IResult Health() => Results.Json(new
    {
        status = "healthy",
        service = "VRChat Video API",
        version = Version,
        features = new
        {
            get_only_endpoints = true,
            unicode_filename_support = true,
            unity_player_optimization = true,
            avpro_video_support = true,
            filename_sanitization = true,
            error_handling_enhanced = true,
        },
        endpoints = new { stream = "/api/vrchat/stream", download = "/api/vrchat/download", info = "/api/vrchat/info", health = "/api/vrchat/health" },
        supported_players = new[] { "avpro", "unity", "auto" },
        supported_qualities = new[] { "720p", "480p", "360p", "best" },
        notes = "Players get a 302 to a progressive MP4 (H.264/AAC, ≤ 720p by default), or to HLS or the proxy when that is what plays.",
    });

    /// <summary>What a player should be sent to: the CDN URL, or our proxy when the CDN needs headers a player cannot send.</summary>
    internal static string PlayableUrl(LegacyStreams streams, Contracts.Streaming.ResolvedStream stream) =>
        stream.RequiresProxy ? streams.Public(stream.ProxyPath!).ToString() : stream.StreamUrl;
}
