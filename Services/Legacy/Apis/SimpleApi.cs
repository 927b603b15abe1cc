using Microsoft.AspNetCore.Http.HttpResults;
using VideoPlatform.Contracts.Metadata;
using VideoPlatform.Legacy.Health;
using VideoPlatform.Legacy.Vrchat;

namespace VideoPlatform.Legacy.Apis;

/// <summary>The seed's simple API under <c>/api</c>.</summary>
internal static class SimpleApi
{
    private const string Version = "3.0.0";

    public static IEndpointRouteBuilder MapSimpleApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Simple API");
        api.MapGet("/platforms", GetPlatforms).WithName("LegacyPlatforms")
            .WithSummary("The supported platforms, in the seed's shape, as the metadata service reports them.");
        api.MapGet("/health", GetHealth).WithName("LegacyHealth")
            .WithSummary("The health of every service legacy depends on; 503 when one is down.");
        api.MapGet("/stream", Stream).WithName("SimpleStream")
            .WithSummary("?url=&quality=highest|lowest|720p|480p|360p&format=redirect|proxy|json → 302 to the stream (default) or JSON.");
        api.MapGet("/info", Info).WithName("SimpleInfo")
            .WithSummary("?url= → the video's details and whether a stream is available.");
        api.MapGet("/formats", Formats).WithName("SimpleFormats")
            .WithSummary("?url= → the qualities this API offers for the video, and its details.");
        api.MapGet("/download", Download).WithName("SimpleDownload")
            .WithSummary("?url=&quality=&filename= → 302 to the proxied file as an attachment.");
        api.MapGet("/embed", Embed).WithName("SimpleEmbed")
            .WithSummary("?url=&width=&height=&quality= → 302 to an embeddable player page.");
        app.MapGet("/api/v2/system/health", GetHealth).WithTags("Simple API").WithName("LegacySystemHealth")
            .WithSummary("The Go API's health route: the same report as /api/health.");
        app.MapGet("/", Banner).WithTags("Simple API").WithName("LegacyBanner").ExcludeFromDescription();
        return app;
    }

    private static Task<IResult> Stream(HttpContext context, LegacyStreams streams) =>
        LegacyResults.ForPlayer(async () =>
        {
            var query = LegacyQuery.Parse(context.Request.QueryString.Value ?? "");
            var quality = LegacyStreams.Quality(query["quality"]) ?? "best";
            var video = await streams.ResolveAsync(query.Url, context.RequestAborted);
            var stream = await streams.StreamAsync(video, quality, PlayerKind.Detect(query["player"], context.Request.Headers.UserAgent), context.RequestAborted);
            return (query["format"] ?? "redirect").ToLowerInvariant() switch
            {
                "json" => Results.Json(new { platform = video.Platform, video_id = video.Id, stream_url = VrchatApi.PlayableUrl(streams, stream), quality = query["quality"] ?? "highest", success = true }),
                "proxy" => Results.Redirect(streams.Public(stream.ProxyPath!).ToString()),
                _ => Results.Redirect(VrchatApi.PlayableUrl(streams, stream)),
            };
        });

    private static Task<IResult> Info(HttpContext context, LegacyStreams streams) =>
        LegacyResults.ForJson(async () =>
        {
            var query = LegacyQuery.Parse(context.Request.QueryString.Value ?? "");
            var video = await streams.ResolveAsync(query.Url, context.RequestAborted);
            var info = await streams.InfoAsync(video, context.RequestAborted);
            return Results.Json(new
            {
                platform = video.Platform,
                video_id = video.Id,
                info = Summary(info),
                stream_available = info.Formats.Count > 0 || info.IsLive,
                success = true,
            });
        });

    private static Task<IResult> Formats(HttpContext context, LegacyStreams streams) =>
        LegacyResults.ForJson(async () =>
        {
            var query = LegacyQuery.Parse(context.Request.QueryString.Value ?? "");
            var video = await streams.ResolveAsync(query.Url, context.RequestAborted);
            var info = await streams.InfoAsync(video, context.RequestAborted);
            var heights = info.Formats.Where(f => f.HasVideo).Select(f => f.Height ?? 0).ToHashSet();
            var available = new[] { "highest", "lowest" }
                .Concat(new[] { 720, 480, 360 }.Where(h => heights.Any(x => x >= h)).Select(h => $"{h}p"))
                .ToList();
            return Results.Json(new { platform = video.Platform, video_id = video.Id, available_qualities = available, recommended_quality = "highest", video_info = Summary(info), success = true });
        });

    private static Task<IResult> Download(HttpContext context, LegacyStreams streams) =>
        LegacyResults.ForPlayer(async () =>
        {
            var query = LegacyQuery.Parse(context.Request.QueryString.Value ?? "");
            var quality = LegacyStreams.Quality(query["quality"]) ?? "best";
            var video = await streams.ResolveAsync(query.Url, context.RequestAborted);
            var title = query["filename"];
            if (string.IsNullOrWhiteSpace(title))
            {
                title = (await streams.InfoAsync(video, context.RequestAborted)).Title;
            }
            var name = VrchatFileName.Sanitize(title, $"{video.Platform}_{video.Id}");
            return Results.Redirect(streams.Public(
                $"/api/v2/stream/proxy/{video.Platform}/{Uri.EscapeDataString(video.Id)}?quality={Uri.EscapeDataString(quality)}&download=true&filename={Uri.EscapeDataString(name)}").ToString());
        });

    private static Task<IResult> Embed(HttpContext context, LegacyStreams streams) =>
        LegacyResults.ForPlayer(async () =>
        {
            var query = LegacyQuery.Parse(context.Request.QueryString.Value ?? "");
            var video = await streams.ResolveAsync(query.Url, context.RequestAborted);
            var width = int.TryParse(query["width"], out var w) ? w : 640;
            var height = int.TryParse(query["height"], out var h) ? h : 360;
            return Results.Redirect(streams.Public(
                $"/api/v2/stream/embed/{video.Platform}/{Uri.EscapeDataString(video.Id)}?width={width}&height={height}&quality={Uri.EscapeDataString(query["quality"] ?? "720p")}").ToString());
        });

    private static IResult Banner() => Results.Json(new
    {
        name = "Video API platform (legacy routes)",
        version = Version,
        description = "The seed API's routes, answered by the metadata and streaming services.",
        docs_url = "/docs",
        openapi_url = "/openapi/v1.json",
        health_url = "/api/health",
        supported_platforms = new[] { "youtube", "bilibili", "twitch", "twitter", "instagram" },
    });

    private static object Summary(VideoInfo info) => new
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
    };

    private static async Task<Ok<LegacyPlatformList>> GetPlatforms(IMetadataApi metadata, CancellationToken cancellationToken)
    {
        var platforms = await metadata.GetPlatformsAsync(cancellationToken);
        var items = platforms.Platforms.Select(p => new LegacyPlatform(
            p.DisplayName, p.Name, p.Hosts, p.UrlPatterns, p.Features,
            p.Status == "supported" ? null : $"{p.DisplayName} is {p.Status}.")).ToList();
        return TypedResults.Ok(new LegacyPlatformList(
            items, items.Count,
            ["/api/stream", "/api/info", "/api/download", "/api/formats", "/api/embed", "/api/platforms", "/api/health"],
            ["/api/vrchat/stream", "/api/vrchat/download", "/api/vrchat/info", "/api/vrchat/health"],
            ["GET-only endpoints", "302 to a progressive MP4 for AVPro and Unity players"]));
    }

    private static async Task<IResult> GetHealth(DependencyHealth health, TimeProvider time, CancellationToken cancellationToken)
    {
        var services = await health.CheckAllAsync(cancellationToken);
        var down = services.Values.Any(s => s.Status == "Unhealthy");
        var degraded = services.Values.Any(s => s.Status != "Healthy");
        var report = new LegacyHealthReport(
            down ? "unhealthy" : degraded ? "degraded" : "healthy",
            time.GetUtcNow(), Version,
            services.ToDictionary(s => s.Key, s => s.Value));
        return down
            ? TypedResults.Json(report, statusCode: StatusCodes.Status503ServiceUnavailable)
            : TypedResults.Ok(report);
    }
}

internal sealed record LegacyPlatform(
    string Name, string PlatformId, IReadOnlyList<string> Domains, IReadOnlyList<string> ExampleUrls,
    IReadOnlyList<string> Features, string? Notes);

internal sealed record LegacyPlatformList(
    IReadOnlyList<LegacyPlatform> SupportedPlatforms, int TotalPlatforms,
    IReadOnlyList<string> SimpleEndpoints, IReadOnlyList<string> VrchatEndpoints, IReadOnlyList<string> VrchatFeatures);

internal sealed record LegacyHealthReport(
    string Status, DateTimeOffset Timestamp, string Version, IReadOnlyDictionary<string, DependencyStatus> Services);
