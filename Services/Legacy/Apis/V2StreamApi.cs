using Microsoft.AspNetCore.Http.HttpResults;
using VideoPlatform.Contracts.Metadata;
using VideoPlatform.Legacy.Compatibility;
using VideoPlatform.Legacy.Forwarding;
using VideoPlatform.Legacy.Streams;
using VideoPlatform.Legacy.Upstream;
using VideoPlatform.Legacy.Vrchat;

namespace VideoPlatform.Legacy.Apis;

/// <summary>
/// The Python API's <c>/api/v2/stream/*</c> routes that the Go API dropped (seed P31–P33, P35, P36):
/// quality by bandwidth and device, a resolution without a redirect, a URL's redirect to the
/// direct or proxied route, and streaming's batch and cache figures through legacy's address.
/// </summary>
internal static class V2StreamApi
{
    public static IEndpointRouteBuilder MapV2StreamApi(this IEndpointRouteBuilder app)
    {
        var stream = app.MapGroup("/api/v2/stream").WithTags("v2");
        stream.MapGet("/auto/{platform}/{videoId}", Auto).WithName("StreamAuto").WithPlayerErrors()
            .WithSummary("302 to the stream at a quality chosen from bandwidth= (kbps) and device= (mobile|tablet|desktop|auto).");
        stream.MapGet("/info/{platform}/{videoId}", Info).WithName("StreamInfo").WithJsonErrors()
            .WithSummary("The stream URL for quality= without redirecting, with the video's title, duration, thumbnail and uploader.");
        stream.MapGet("/url", Url).WithName("StreamUrl").WithJsonErrors()
            .WithSummary("url= (a pasted link) → 302 to /api/v2/stream/direct/{platform}/{id}, or /proxy/ with proxy=true.");
        stream.MapPost("/batch", Batch).WithName("StreamBatch").WithJsonErrors()
            .WithSummary("Streaming's batch resolution: up to 50 {platform, video_id, quality}.");
        stream.MapGet("/cache/stats", CacheStats).WithName("StreamCacheStats").WithJsonErrors()
            .WithSummary("Streaming's cache figures: videos held by platform, hits and misses.");
        return app;
    }

    internal static async Task<RedirectHttpResult> Auto(
        HttpContext context, string platform, string videoId, int? bandwidth, string? device, PlayerStreams streams, CancellationToken cancellationToken)
    {
        RouteValues.EnsureSafe(platform, videoId);
        var kind = DeviceOf(device, context.Request.Headers.UserAgent.ToString());
        var quality = AdaptiveQuality(kind, bandwidth);
        var player = PlayerDetector.Detect(null, context.Request.Headers.UserAgent);
        var stream = await streams.ResolveAsync(new LocatedVideo(platform, videoId), quality, player, null, cancellationToken);
        context.Response.Headers["X-Platform"] = platform;
        context.Response.Headers["X-Selected-Quality"] = quality;
        context.Response.Headers["X-Device-Type"] = kind;
        VrchatApi.NoStore(context);
        return TypedResults.Redirect(streams.PlayableUrl(stream, player, quality));
    }

    internal static async Task<Ok<StreamInfoResponse>> Info(
        string platform, string videoId, string? quality, PlayerStreams streams, IMetadataApi metadata, TimeProvider time, CancellationToken cancellationToken)
    {
        RouteValues.EnsureSafe(platform, videoId, quality);
        var video = new LocatedVideo(platform, videoId);
        var chosen = quality ?? "best";
        var stream = await streams.ResolveAsync(video, chosen, PlayerKind.Auto, null, cancellationToken);
        var info = await metadata.GetVideoAsync(platform, videoId, cancellationToken);
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        return TypedResults.Ok(new StreamInfoResponse(
            platform, videoId, streams.PlayableUrl(stream, PlayerKind.Auto, chosen), chosen,
            new StreamVideoSummary(info.Title, info.Duration, info.Thumbnail, info.Uploader),
            stream.ExpiresAt?.ToUnixTimeSeconds(), now, now));
    }

    internal static async Task<RedirectHttpResult> Url(HttpContext context, VideoLocator locator, CancellationToken cancellationToken)
    {
        var query = LegacyQuery.Parse(context.Request.QueryString.Value);
        var video = await locator.LocateAsync(query.Target, cancellationToken);
        var route = string.Equals(query["proxy"], "true", StringComparison.OrdinalIgnoreCase) ? "proxy" : "direct";
        return TypedResults.Redirect(
            $"/api/v2/stream/{route}/{Uri.EscapeDataString(video.Platform)}/{Uri.EscapeDataString(video.VideoId)}{QueryString.Create("quality", query["quality"] ?? "best")}");
    }

    internal static Task Batch(HttpContext context, ServiceForwarder forwarder) =>
        forwarder.ForwardAsync(context, "streaming", "/api/v2/stream/batch");

    internal static Task CacheStats(HttpContext context, ServiceForwarder forwarder) =>
        forwarder.ForwardAsync(context, "streaming", "/api/v2/stream/cache/stats");

    /// <summary>The Python API's device words; <c>auto</c> (or none) reads the User-Agent.</summary>
    private static string DeviceOf(string? device, string userAgent) => device?.ToLowerInvariant() switch
    {
        "mobile" or "tablet" or "desktop" => device.ToLowerInvariant(),
        _ when userAgent.Contains("tablet", StringComparison.OrdinalIgnoreCase) || userAgent.Contains("iPad", StringComparison.Ordinal) => "tablet",
        _ when userAgent.Contains("mobile", StringComparison.OrdinalIgnoreCase) => "mobile",
        _ => "desktop",
    };

    /// <summary>Seed §4.4, "adaptive": mobile below 1 Mbit/s 480p else 720p; others below 2 Mbit/s 720p, below 5 Mbit/s 1080p, else best.</summary>
    private static string AdaptiveQuality(string device, int? kbps) => device switch
    {
        "mobile" => kbps is < 1000 ? "480p" : "720p",
        _ => kbps switch
        {
            null => "best",
            < 2000 => "720p",
            < 5000 => "1080p",
            _ => "best",
        },
    };
}

/// <summary>Answer of <c>/api/v2/stream/info/{platform}/{id}</c> (seed P32); times are Unix seconds.</summary>
internal sealed record StreamInfoResponse(
    string Platform, string VideoId, string StreamUrl, string Quality, StreamVideoSummary VideoInfo, long? ExpiresAt, long CachedAt, long Timestamp);

internal sealed record StreamVideoSummary(string Title, double? Duration, string? Thumbnail, string? Uploader);
