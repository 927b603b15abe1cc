using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using VideoPlatform.Contracts.Streaming;
using VideoPlatform.Legacy.Compatibility;
using VideoPlatform.Legacy.Forwarding;
using VideoPlatform.Legacy.Streams;
using VideoPlatform.Legacy.Upstream;
using VideoPlatform.Legacy.Vrchat;

namespace VideoPlatform.Legacy.Apis;

/// <summary>
/// <c>/api/v2/stream/*</c>: the Go API's stream routes (metrics, proxy, direct, embed, the smart
/// route) and those of the Python API that the Go API dropped (seed P31–P33, P35, P36): quality by
/// bandwidth and device, a resolution without a redirect, a URL's redirect to the direct or proxied
/// route, and streaming's batch and cache figures through legacy's address.
/// </summary>
internal static class V2StreamApi
{
    public static IEndpointRouteBuilder MapV2StreamApi(this IEndpointRouteBuilder app)
    {
        var stream = app.MapGroup("/api/v2/stream").WithTags("v2");
        stream.MapGet("/metrics", GetMetrics).WithName("GoStreamMetrics").WithJsonErrors()
            .ProducesProblems(LegacyProblemCodes.Dependencies);
        stream.MapGet("/proxy/{platform}/{videoId}", StreamingForwards.Proxy).WithName("GoStreamProxy").WithPlayerErrors()
            .ProducesProblems(LegacyProblemCodes.PathToStream);
        stream.MapGet("/direct/{platform}/{videoId}", Direct).WithName("GoStreamDirect").WithPlayerErrors()
            .ProducesProblems(LegacyProblemCodes.PathToStream);
        stream.MapGet("/embed/{platform}/{videoId}", StreamingForwards.Embed).WithName("StreamEmbed").WithPlayerErrors()
            .ProducesProblems(LegacyProblemCodes.PathToStream);
        stream.MapGet("/{platform}/{**videoId}", Smart).WithName("GoSmartStream").WithPlayerErrors()
            .ProducesProblems(LegacyProblemCodes.UrlToStream);
        stream.MapGet("/auto/{platform}/{videoId}", Auto).WithName("StreamAuto").WithPlayerErrors()
            .ProducesProblems(LegacyProblemCodes.PathToStream)
            .WithSummary("302 to the stream at a quality chosen from bandwidth= (kbps) and device= (mobile|tablet|desktop|auto).");
        stream.MapGet("/info/{platform}/{videoId}", Info).WithName("StreamInfo").WithJsonErrors()
            .ProducesProblems(LegacyProblemCodes.PathToStream)
            .WithSummary("The stream URL for quality= without redirecting, with the video's title, duration, thumbnail and uploader.");
        stream.MapGet("/url", Url).WithName("StreamUrl").WithJsonErrors()
            .ProducesProblems(LegacyProblemCodes.UrlToVideo)
            .WithSummary("url= (a pasted link) → 302 to /api/v2/stream/direct/{platform}/{id}, or /proxy/ with proxy=true.");
        stream.MapPost("/batch", Batch).WithName("StreamBatch").WithJsonErrors()
            .ProducesProblems(LegacyProblemCodes.Batch)
            .WithSummary("Streaming's batch resolution: up to 50 {platform, video_id, quality}.");
        stream.MapGet("/cache/stats", StreamingForwards.CacheStats).WithName("StreamCacheStats").WithJsonErrors()
            .ProducesProblems(LegacyProblemCodes.Dependencies)
            .WithSummary("Streaming's cache figures: videos held by platform, hits and misses.");
        return app;
    }

    internal static async Task<Ok<GoSuccess<StreamMetrics>>> GetMetrics([AsParameters] StatusServices services, CancellationToken cancellationToken)
    {
        var metrics = await services.Streaming.GetMetricsAsync(cancellationToken);
        return TypedResults.Ok(new GoSuccess<StreamMetrics>(true, "Streaming metrics retrieved successfully", metrics.Data, services.Time.GetUtcNow()));
    }

    internal static async Task<RedirectHttpResult> Direct(
        HttpContext context, [AsParameters] VideoPath path, [AsParameters] VideoServices services, CancellationToken cancellationToken)
    {
        var query = LegacyQuery.Parse(context.Request.QueryString.Value);
        var kind = PlayerDetector.Detect(query["player"], context.Request.Headers.UserAgent);
        var chosen = query["quality"] ?? "best";
        var stream = await services.Streams.ResolveAsync(path.ToVideo(), chosen, kind, null, cancellationToken);
        context.Response.NoStore();
        return TypedResults.Redirect(services.Streams.PlayableUrl(stream, kind, chosen));
    }

    /// <summary>
    /// The Go API's single stream route: <c>mode=proxy|direct</c> forces; otherwise streaming decides
    /// (<c>Streaming:ProxyCountries</c>, default CN, where the CDNs are unreachable) whether the
    /// viewer gets the bytes relayed or a 302. A full URL may stand in the path.
    /// </summary>
    internal static async Task<IResult> Smart(
        HttpContext context, string platform, string? videoId, [AsParameters] VideoServices services, CancellationToken cancellationToken)
    {
        var query = LegacyQuery.Parse(context.Request.QueryString.Value);
        var video = platform is "http:" or "https:"
            ? await services.Locator.LocateAsync(UrlInPath.Rebuild(platform, videoId, context.Request.QueryString.Value), cancellationToken)
            : new LocatedVideo(platform, videoId ?? "");
        var quality = query["quality"] ?? "best";
        var player = PlayerDetector.Detect(query["player"], context.Request.Headers.UserAgent);
        var mode = query["mode"]?.ToLowerInvariant();
        if (mode != "proxy")
        {
            var stream = await services.Streams.ResolveAsync(video, quality, player, ViewerCountry.Of(context.Request, query["country"]), cancellationToken);
            if (!stream.RequiresProxy && (mode == "direct" || !stream.ProxyForViewer))
            {
                context.Response.NoStore();
                return TypedResults.Redirect(stream.StreamUrl);
            }
        }
        await services.Forwarder.ForwardAsync(context, "streaming", StreamingPaths.Proxy(video),
            QueryString.Create("quality", quality).Add("player", PlayerDetector.NameOf(player)));
        return Results.Empty;
    }

    internal static async Task<RedirectHttpResult> Auto(
        HttpContext context, [AsParameters] VideoPath path, [AsParameters] AdaptiveRequest request,
        [AsParameters] VideoServices services, CancellationToken cancellationToken)
    {
        RouteValues.EnsureSafe(path.Platform, path.VideoId);
        var device = AdaptiveQuality.DeviceOf(request.Device, context.Request.Headers.UserAgent.ToString());
        var quality = AdaptiveQuality.For(device, request.Bandwidth);
        var player = PlayerDetector.Detect(null, context.Request.Headers.UserAgent);
        var stream = await services.Streams.ResolveAsync(path.ToVideo(), quality, player, null, cancellationToken);
        context.Response.Headers["X-Platform"] = path.Platform;
        context.Response.Headers["X-Selected-Quality"] = quality;
        context.Response.Headers["X-Device-Type"] = device;
        context.Response.NoStore();
        return TypedResults.Redirect(services.Streams.PlayableUrl(stream, player, quality));
    }

    internal static async Task<Ok<StreamInfoResponse>> Info(
        [AsParameters] VideoPath path, string? quality, [AsParameters] VideoServices services, CancellationToken cancellationToken)
    {
        RouteValues.EnsureSafe(path.Platform, path.VideoId, quality);
        var chosen = quality ?? "best";
        var stream = await services.Streams.ResolveAsync(path.ToVideo(), chosen, PlayerKind.Auto, null, cancellationToken);
        var info = await services.Metadata.GetVideoAsync(path.Platform, path.VideoId, cancellationToken);
        var now = services.Time.GetUtcNow().ToUnixTimeSeconds();
        return TypedResults.Ok(new StreamInfoResponse(
            path.Platform, path.VideoId, services.Streams.PlayableUrl(stream, PlayerKind.Auto, chosen), chosen,
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
        forwarder.ForwardAsync(context, "streaming", StreamingPaths.Batch);
}

/// <summary>The query of <c>/api/v2/stream/auto</c>: bandwidth in kbit/s and the device word.</summary>
internal sealed record AdaptiveRequest([FromQuery(Name = "bandwidth")] int? Bandwidth, [FromQuery(Name = "device")] string? Device);

/// <summary>Answer of <c>/api/v2/stream/info/{platform}/{id}</c> (seed P32); times are Unix seconds.</summary>
internal sealed record StreamInfoResponse(
    string Platform, string VideoId, string StreamUrl, string Quality, StreamVideoSummary VideoInfo, long? ExpiresAt, long CachedAt, long Timestamp);

internal sealed record StreamVideoSummary(string Title, double? Duration, string? Thumbnail, string? Uploader);
