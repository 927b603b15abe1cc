using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using VideoPlatform.Contracts;
using VideoPlatform.Contracts.Metadata;
using VideoPlatform.Contracts.Streaming;
using VideoPlatform.TestSupport;

namespace VideoPlatform.Legacy.Tests.Fakes;

/// <summary>
/// Hand-written answers in the shapes of the metadata and streaming contracts
/// (Services/Contracts), for a handful of videos: a short YouTube video, a long one, a dead
/// one, and a BiliBili video whose CDN needs headers (so it must be proxied).
/// </summary>
public static partial class FakeVideos
{
    public const string Short = "dQw4w9WgXcQ";
    public const string Long = "LongVideo01";
    public const string Dead = "DeadVideo01";
    public const string Bilibili = "BV1xx411c7mD";
    public const string Live = "LiveVideo01";
    /// <summary>A video streaming refuses with its own rate limit (429), as a hop over its budget would.</summary>
    public const string Limited = "LimitedVid1";

    public static void MapMetadata(IEndpointRouteBuilder app)
    {
        app.MapGet("/health", () => Results.Json(new { status = "Healthy" }));
        app.MapGet("/api/v2/platforms", () => Json(new PlatformList([
            new PlatformInfo("youtube", "YouTube", ["youtube.com", "youtu.be"], ["https://www.youtube.com/watch?v=ID"], ["info", "formats", "playlists"], "supported"),
            new PlatformInfo("bilibili", "BiliBili", ["bilibili.com"], ["https://www.bilibili.com/video/BV…"], ["info", "formats"], "supported"),
        ])));
        app.MapGet("/api/v2/resolve", (string? url) => Resolve(url));
        app.MapGet("/api/v2/videos/{platform}/{id}", (string platform, string id) =>
            id == Dead ? Problem(ErrorCodes.VideoUnavailable, "This video is unavailable.") : Json(Video(platform, id)));
        app.MapGet("/api/v2/videos/{platform}/{id}/formats", (string platform, string id) =>
            id == Dead ? Problem(ErrorCodes.VideoUnavailable, "This video is unavailable.")
                : Json(new FormatList { VideoId = id, Platform = platform, Formats = Video(platform, id).Formats, Title = Video(platform, id).Title }));
        app.MapGet("/api/v2/playlists/{platform}/{id}", (string platform, string id) => Results.Json(new
        {
            id,
            platform,
            title = "Fake playlist",
            uploader = "Fake channel",
            url = $"https://www.youtube.com/playlist?list={id}",
            entries = new[] { new { id = Short, title = "Never Gonna Give You Up", duration = 213.0, uploader = "Rick Astley" } },
        }));
    }

    public static void MapStreaming(IEndpointRouteBuilder app, Func<string> cdnBase)
    {
        app.MapGet("/health", () => Results.Json(new { status = "Healthy" }));
        app.MapGet("/api/v2/stream/metrics", () => Json(new StreamMetricsResponse(true, new StreamMetrics { TotalRequests = 7, CacheHits = 5, CacheMisses = 2, CacheHitRate = 71.4 })));
        app.MapGet("/api/v2/stream/direct/{platform}/{id}", (string platform, string id, string? quality, string? player, string? country) =>
        {
            if (id == Dead)
            {
                return Problem(ErrorCodes.VideoUnavailable, "This video is unavailable.");
            }
            if (id == Limited)
            {
                return Results.Problem(detail: "More than 300 requests in 60 s.", statusCode: 429,
                    extensions: new Dictionary<string, object?> { ["code"] = ErrorCodes.RateLimited });
            }
            var video = Video(platform, id);
            var format = video.Formats[0];
            var needsProxy = platform == "bilibili" || id == Live;
            return Json(new ResolvedStream
            {
                Platform = platform,
                VideoId = id,
                StreamUrl = id == Short ? $"{cdnBase()}/videoplayback?id={id}&itag=18&quality={quality}" : format.Url,
                Format = format,
                RequiresProxy = needsProxy,
                // Streaming's default Streaming:ProxyCountries.
                ProxyForViewer = string.Equals(country, "CN", StringComparison.OrdinalIgnoreCase),
                ProxyPath = $"/api/v2/stream/proxy/{platform}/{id}?quality={quality}&player={player}",
                HlsPath = id == Live ? $"/api/v2/stream/hls/{platform}/{id}/master.m3u8" : null,
                Title = video.Title,
                Duration = video.Duration,
                ExpiresAt = DateTimeOffset.Parse("2030-01-01T00:00:00Z"),
            });
        });
        app.MapGet("/api/v2/stream/embed/{platform}/{id}", (string platform, string id) =>
            Results.Content($"<!doctype html><video src=\"/api/v2/stream/proxy/{platform}/{id}\"></video>", "text/html"));
        app.MapGet("/api/v2/stream/cache/stats", () => Results.Json(new { cache_stats = new { total_cached_streams = 1 }, timestamp = DateTimeOffset.UtcNow }));
        // Echoes how many entries it was sent: what a forwarded body must keep.
        app.MapPost("/api/v2/stream/batch", async (HttpContext context) =>
        {
            using var sent = await System.Text.Json.JsonDocument.ParseAsync(context.Request.Body);
            return Results.Json(new { batch_results = new { total = sent.RootElement.GetArrayLength() }, total_requests = sent.RootElement.GetArrayLength() });
        });
        app.MapGet("/api/v2/stream/proxy/{platform}/{id}", async (HttpContext context, string platform, string id) =>
        {
            context.Response.Headers["X-Platform"] = platform;
            // What a forwarded request said about itself, for tests of what legacy passes on.
            context.Response.Headers["X-Seen-Api-Key"] = context.Request.Headers["X-API-Key"].ToString();
            context.Response.Headers["X-Seen-Client-Address"] = context.Request.Headers["X-Client-Address"].ToString();
            context.Response.ContentType = "video/mp4";
            if (context.Request.Headers.Range.Count > 0)
            {
                context.Response.StatusCode = 206;
                context.Response.Headers.ContentRange = "bytes 0-3/4";
            }
            await context.Response.WriteAsync("MP4!");
        });
    }

    public static VideoInfo Video(string platform, string id) => new()
    {
        Id = id,
        Platform = platform,
        Title = id switch
        {
            Long => "Rick's \"Long\" Émission",
            Bilibili => "哔哩哔哩 video",
            _ => "Never Gonna Give You Up",
        },
        Duration = id switch { Long => 4000, Live => null, _ => 213 },
        IsLive = id == Live,
        Uploader = "Rick Astley",
        UploadDate = "20091025",
        ViewCount = 1_500_000_000,
        LikeCount = 16_000_000,
        Thumbnail = $"https://i.ytimg.com/vi/{id}/hqdefault.jpg",
        Formats = id == Live
            ? [new VideoFormat { FormatId = "95", Url = "https://manifest.googlevideo.com/live.m3u8", Ext = "m3u8", Protocol = "hls", Height = 720, HasAudio = true, HasVideo = true }]
            : [new VideoFormat
            {
                FormatId = "18", Url = $"https://rr1.googlevideo.com/videoplayback?id={id}", Ext = "mp4",
                Vcodec = "avc1.42001E", Acodec = "mp4a.40.2", Width = 640, Height = 360, HasAudio = true, HasVideo = true,
            }],
    };

    private static IResult Resolve(string? url)
    {
        var match = url is null ? null : VideoUrl().Match(url);
        if (match is not { Success: true })
        {
            return Problem(ErrorCodes.InvalidUrl, $"'{url}' is not a supported video URL.");
        }
        var platform = match.Groups["bv"].Success ? "bilibili" : "youtube";
        var id = match.Groups["bv"].Success ? match.Groups["bv"].Value : match.Groups["yt"].Value;
        return Json(new ResolvedUrl(platform, "video", id));
    }

    [GeneratedRegex(@"(?:youtu\.be/|youtube\.com/watch\?v=|youtube\.com/shorts/)(?<yt>[A-Za-z0-9_-]{11})|bilibili\.com/video/(?<bv>BV[A-Za-z0-9]+)")]
    private static partial Regex VideoUrl();

    private static IResult Json<T>(T value) => Results.Json(value, ContractJson.Options);

    private static IResult Problem(string code, string detail) => FakeMetadata.Problem(code, detail);
}
