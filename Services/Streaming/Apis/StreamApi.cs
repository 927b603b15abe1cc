using System.Net;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Refit;
using VideoPlatform.Contracts;
using VideoPlatform.Contracts.Metadata;
using VideoPlatform.Contracts.Streaming;
using VideoPlatform.Streaming.Dash;
using VideoPlatform.Streaming.Hls;
using VideoPlatform.Streaming.Metrics;
using VideoPlatform.Streaming.Proxy;
using VideoPlatform.Streaming.Resolution;
using VideoPlatform.Streaming.Selection;

namespace VideoPlatform.Streaming.Apis;

/// <summary>Turning a video into something a player can play: redirect, proxy, JSON, or an embeddable page.</summary>
internal static class StreamApi
{
    public static IEndpointRouteBuilder MapStreamApi(this IEndpointRouteBuilder app)
    {
        var stream = app.MapGroup("/api/v2/stream").WithTags("Streaming");
        stream.MapGet("/{platform}/{videoId}", Stream).WithName("Stream")
            .WithSummary("The video as mode=redirect (302 to the media CDN, default), proxy (bytes through this service, with Range), json, hls (rewritten playlist), dash (generated MPD), or auto (proxy for countries in Streaming:ProxyCountries, redirect elsewhere).");
        stream.MapGet("/direct/{platform}/{videoId}", Direct).WithName("StreamDirect")
            .WithSummary("The chosen format and its upstream URL, as JSON, without proxying anything.");
        stream.MapMethods("/proxy/{platform}/{videoId}", [HttpMethods.Get, HttpMethods.Head], ProxyStream).WithName("StreamProxy")
            .WithSummary("The chosen format's bytes through this service: Range, If-Range and HEAD supported; expired URLs re-resolved once.");
        stream.MapGet("/dash/{platform}/{videoId}", Dash).WithName("StreamDash")
            .WithSummary("A DASH MPD of the video's adaptive formats, every file addressed through a signed segment token on this service.");
        stream.MapMethods("/segment/{file?}", [HttpMethods.Get, HttpMethods.Head], Segment).WithName("StreamSegment")
            .WithSummary("An entry of a rewritten HLS playlist or a file of a generated DASH MPD, named by a token this service signed: a nested playlist (rewritten again) or media bytes, with Range.");
        stream.MapGet("/url", StreamUrl).WithName("StreamUrl")
            .WithSummary("Like /api/v2/stream/{platform}/{videoId}, for any supported URL (?url=https://youtu.be/…).");
        stream.MapGet("/embed/{platform}/{videoId}", Embed).WithName("StreamEmbed")
            .WithSummary("A small HTML5 player page that plays the video through this service; embeddable in other sites.");
        return app;
    }

    private static Task<IResult> Stream(string platform, string videoId, [AsParameters] StreamQuery query,
        StreamResolver resolver, MediaProxy proxy, IOptions<StreamingOptions> options, StreamMetricsCollector metrics, HttpContext context) =>
        Dispatch(platform, videoId, query, resolver, proxy, options.Value, metrics, context);

    private static async Task<Ok<ResolvedStream>> Direct(string platform, string videoId, [AsParameters] StreamQuery query,
        StreamResolver resolver, IOptions<StreamingOptions> options, StreamMetricsCollector metrics, CancellationToken cancellationToken)
    {
        StreamInput.Validate(platform, videoId, query);
        metrics.RequestStarted("direct", platform);
        var resolved = await resolver.ResolveAsync(platform, videoId, query.ToRequest(), fresh: false, cancellationToken);
        return TypedResults.Ok(resolved with { ProxyForViewer = options.Value.ProxiesFor(query.Country) });
    }

    private static async Task<EmptyHttpResult> ProxyStream(string platform, string videoId, [AsParameters] StreamQuery query,
        StreamResolver resolver, MediaProxy proxy, StreamMetricsCollector metrics, HttpContext context)
    {
        StreamInput.Validate(platform, videoId, query);
        metrics.RequestStarted("proxy", platform);
        await ProxyAsync(platform, videoId, query, resolver, proxy, context);
        return TypedResults.Empty;
    }

    private static async Task<IResult> StreamUrl([FromQuery] string? url, [AsParameters] StreamQuery query, IMetadataApi metadata,
        StreamResolver resolver, MediaProxy proxy, IOptions<StreamingOptions> options, StreamMetricsCollector metrics, HttpContext context)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            throw new StreamingException(ErrorCodes.InvalidUrl, "The 'url' query parameter is required.");
        }
        ResolvedUrl resolved;
        try
        {
            resolved = await metadata.ResolveAsync(url, context.RequestAborted);
        }
        catch (ApiException ex) when (ex.StatusCode == HttpStatusCode.BadRequest)
        {
            throw new StreamingException(ErrorCodes.InvalidUrl, $"'{url}' is not a supported video URL.");
        }
        if (resolved.Kind != "video")
        {
            throw new StreamingException(ErrorCodes.InvalidUrl, $"That URL points at a {resolved.Kind}, not a video.");
        }
        return await Dispatch(resolved.Platform, resolved.Id, query, resolver, proxy, options.Value, metrics, context);
    }

    private static ContentHttpResult Embed(string platform, string videoId, [AsParameters] StreamQuery query)
    {
        StreamInput.Validate(platform, videoId, query);
        var source = $"/api/v2/stream/proxy/{WebUtility.UrlEncode(platform)}/{WebUtility.UrlEncode(videoId)}?quality={WebUtility.UrlEncode(query.Quality ?? "720p")}";
        var width = Math.Clamp(query.Width ?? 640, 100, 3840);
        var height = Math.Clamp(query.Height ?? 360, 100, 2160);
        var html = $$"""
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>{{WebUtility.HtmlEncode(platform)}} {{WebUtility.HtmlEncode(videoId)}}</title>
            <style>html,body{margin:0;background:#000}video{display:block;width:100%;height:100%}</style></head>
            <body><video controls autoplay playsinline width="{{width}}" height="{{height}}" src="{{WebUtility.HtmlEncode(source)}}"></video></body></html>
            """;
        return TypedResults.Content(html, "text/html; charset=utf-8");
    }

    private static async Task<IResult> Dispatch(string platform, string videoId, StreamQuery query, StreamResolver resolver,
        MediaProxy proxy, StreamingOptions options, StreamMetricsCollector metrics, HttpContext context)
    {
        StreamInput.Validate(platform, videoId, query);
        var mode = (query.Mode ?? "redirect").ToLowerInvariant();
        if (mode == "auto")
        {
            mode = options.ProxiesFor(query.Country) ? "proxy" : "redirect";
        }
        metrics.RequestStarted(mode, platform);

        switch (mode)
        {
            case "redirect":
                var resolved = await resolver.ResolveAsync(platform, videoId, query.ToRequest(), fresh: false, context.RequestAborted);
                // A format that needs headers a player cannot send plays only through the proxy.
                return resolved.RequiresProxy ? TypedResults.Redirect(resolved.ProxyPath!) : RedirectOut(resolved.StreamUrl, context);
            case "json":
                return TypedResults.Ok(await resolver.ResolveAsync(platform, videoId, query.ToRequest(), fresh: false, context.RequestAborted));
            case "proxy":
                await ProxyAsync(platform, videoId, query, resolver, proxy, context);
                return TypedResults.Empty;
            case "hls":
                var formats = await resolver.GetFormatsAsync(platform, videoId, fresh: false, context.RequestAborted);
                if (resolver.PlayableHls(formats) is not { } master)
                {
                    throw new StreamingException(ErrorCodes.NoMatchingFormat, $"{platform}/{videoId} offers no HLS playlist; use mode=proxy or mode=redirect.");
                }
                await context.RequestServices.GetRequiredService<SegmentServer>().WritePlaylistAsync(context, master, new Dictionary<string, string>());
                return TypedResults.Empty;
            case "dash":
                return await ManifestAsync(platform, videoId, query.Quality, resolver, context);
            default:
                throw new StreamingException(ErrorCodes.InvalidRequest, $"Unknown mode '{query.Mode}'. Use redirect, proxy, json, hls, dash or auto.");
        }
    }

    /// <summary>A 302 off this service: only to a URL the media-host policy admits, whatever the platform answered.</summary>
    private static RedirectHttpResult RedirectOut(string url, HttpContext context) =>
        Uri.TryCreate(url, UriKind.Absolute, out var target) && context.RequestServices.GetRequiredService<MediaHostPolicy>().IsAllowed(target)
            ? TypedResults.Redirect(target.AbsoluteUri)
            : throw new StreamingException(ErrorCodes.UpstreamUnavailable, "The platform's media URL is not one this service redirects to.", StatusCodes.Status502BadGateway);

    private static Task<IResult> Dash(string platform, string videoId, [AsParameters] StreamQuery query,
        StreamResolver resolver, StreamMetricsCollector metrics, HttpContext context)
    {
        StreamInput.Validate(platform, videoId, query);
        metrics.RequestStarted("dash", platform);
        return ManifestAsync(platform, videoId, query.Quality, resolver, context);
    }

    private static async Task<IResult> ManifestAsync(string platform, string videoId, string? quality, StreamResolver resolver, HttpContext context)
    {
        var formats = await resolver.GetFormatsAsync(platform, videoId, fresh: false, context.RequestAborted);
        var playable = resolver.Playable(formats);
        var adaptive = DashManifest.AdaptiveFormats(playable, FormatSelector.HeightCap(quality), audioOnly: FormatSelector.IsAudioOnly(quality));
        if (adaptive.Count == 0)
        {
            throw new StreamingException(ErrorCodes.NoMatchingFormat, DashManifest.AdaptiveFormats(playable).Count > 0
                ? $"{platform}/{videoId} has no adaptive formats for quality '{quality}'; ask for another quality."
                : $"{platform}/{videoId} offers no adaptive formats to describe in DASH; use mode=hls, proxy or redirect.");
        }
        var tokens = context.RequestServices.GetRequiredService<SegmentTokens>();
        // Each file's token names its format too, so it outlives the URL: a player may play a
        // static manifest for hours, and a URL that expired or is refused meanwhile is resolved again.
        var mpd = DashManifest.Write(formats, adaptive, format =>
            $"{PlaylistRewriter.SegmentPath}/s.{ExtensionOf(format)}?token={tokens.Sign(MediaFile.Of(platform, videoId, format), new Uri(format.Url), format.HttpHeaders, formats.ExpiresAt)}");
        return TypedResults.Text(mpd, DashManifest.ContentType, System.Text.Encoding.UTF8);
    }

    private static string ExtensionOf(VideoFormat format) => DashManifest.MimeTypeOf(format) switch
    {
        "audio/mp4" => "m4a",
        { } mime => mime[(mime.IndexOf('/') + 1)..],
        null => "mp4",
    };

    private static async Task<EmptyHttpResult> Segment([FromQuery] string? token, SegmentServer segments, HttpContext context)
    {
        await segments.ServeAsync(context, token);
        return TypedResults.Empty;
    }

    private static async Task ProxyAsync(string platform, string videoId, StreamQuery query, StreamResolver resolver, MediaProxy proxy, HttpContext context)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var request = query.ToRequest();
        var resolved = await resolver.ResolveAsync(platform, videoId, request, fresh: false, context.RequestAborted);
        if (resolved.Format.Protocol is "hls" or "m3u8" or "m3u8_native" && Uri.TryCreate(resolved.StreamUrl, UriKind.Absolute, out var playlist))
        {
            // A live stream's one URL is its playlist: rewritten, so that a player fetches every entry through here.
            await context.RequestServices.GetRequiredService<SegmentServer>().WritePlaylistAsync(context, playlist, resolved.Format.HttpHeaders);
            return;
        }
        if (query.Download == true)
        {
            var fallback = $"{platform}_{videoId}.{resolved.Format.Ext}";
            context.Response.Headers.ContentDisposition = AttachmentName.Header(string.IsNullOrWhiteSpace(query.Filename) ? fallback : query.Filename, fallback);
        }
        await proxy.ProxyAsync(context, resolved, token => resolver.ResolveAsync(platform, videoId, request, fresh: true, token), started);
    }
}

/// <summary>The query every stream route understands.</summary>
internal sealed record StreamQuery(
    [FromQuery(Name = "quality")] string? Quality,
    [FromQuery(Name = "format")] string? Format,
    [FromQuery(Name = "player")] string? Player,
    [FromQuery(Name = "mode")] string? Mode,
    [FromQuery(Name = "country")] string? Country,
    [FromQuery(Name = "download")] bool? Download,
    [FromQuery(Name = "filename")] string? Filename,
    [FromQuery(Name = "width")] int? Width,
    [FromQuery(Name = "height")] int? Height)
{
    public StreamRequest ToRequest() => new() { Quality = Quality, Format = Format, Player = Player, Country = Country };
}
