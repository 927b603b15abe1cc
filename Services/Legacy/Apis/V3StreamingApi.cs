using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using VideoPlatform.Contracts;
using VideoPlatform.Contracts.Metadata;
using VideoPlatform.Contracts.Streaming;
using VideoPlatform.Legacy.Compatibility;
using VideoPlatform.Legacy.Forwarding;
using VideoPlatform.Legacy.Streams;
using VideoPlatform.Legacy.Upstream;
using VideoPlatform.Legacy.Vrchat;

namespace VideoPlatform.Legacy.Apis;

/// <summary>The seed's <c>/api/v3/streaming/*</c>: streams, their info and health, the cache and streaming's figures.</summary>
internal static class V3StreamingApi
{
    public static IEndpointRouteBuilder MapV3StreamingApi(this IEndpointRouteBuilder app)
    {
        var streaming = app.MapGroup("/api/v3/streaming").WithTags("v3");
        streaming.MapGet("/proxy/{platform}/{videoId}", StreamingForwards.Proxy).WithName("V3Proxy").WithPlayerErrors()
            .ProducesProblems(LegacyProblemCodes.PathToStream);
        streaming.MapGet("/info/{platform}/{videoId}", Info).WithName("V3StreamInfo").WithJsonErrors()
            .ProducesProblems(LegacyProblemCodes.PathToStream);
        streaming.MapGet("/embed/{platform}/{videoId}", StreamingForwards.Embed).WithName("V3Embed").WithPlayerErrors()
            .ProducesProblems(LegacyProblemCodes.PathToStream);
        streaming.MapGet("/cache/stats", StreamingForwards.CacheStats).WithName("V3CacheStats").WithJsonErrors()
            .ProducesProblems(LegacyProblemCodes.Dependencies);
        streaming.MapDelete("/cache", ClearCache).WithName("V3ClearCache").WithJsonErrors()
            .ProducesProblems(LegacyProblemCodes.Path);
        streaming.MapGet("/health/{platform}/{videoId}", StreamHealth).WithName("V3StreamHealth").WithJsonErrors()
            .ProducesProblems(LegacyProblemCodes.Path);
        streaming.MapGet("/diagnostics", Diagnostics).WithName("V3Diagnostics").WithJsonErrors()
            .ProducesProblems(LegacyProblemCodes.Dependencies);
        streaming.MapGet("/{platform}/{videoId}", Stream).WithName("V3Stream").WithPlayerErrors()
            .ProducesProblems(LegacyProblemCodes.PathToStream);
        return app;
    }

    internal static async Task<IResult> Stream(
        HttpContext context, [AsParameters] VideoPath path, [AsParameters] VideoServices services, CancellationToken cancellationToken)
    {
        var (platform, videoId) = (path.Platform, path.VideoId);
        var query = LegacyQuery.Parse(context.Request.QueryString.Value);
        var quality = query["quality"] ?? "best";
        RouteValues.EnsureSafe(platform, videoId, quality);
        var player = PlayerDetector.Detect(query["player"], context.Request.Headers.UserAgent);
        var self = $"/api/v3/streaming/{Uri.EscapeDataString(platform)}/{Uri.EscapeDataString(videoId)}";
        context.Response.Headers["X-Platform"] = platform;
        context.Response.Headers["X-Video-ID"] = videoId;
        context.Response.Headers["X-Quality"] = quality;
        context.Response.Headers["X-Player"] = PlayerDetector.NameOf(player);
        context.Response.NoStore();

        var format = query["format"]?.ToLowerInvariant();
        if (format == "proxy")
        {
            return TypedResults.Redirect($"/api/v3/streaming/proxy/{Uri.EscapeDataString(platform)}/{Uri.EscapeDataString(videoId)}" +
                QueryString.Create("quality", quality).Add("player", PlayerDetector.NameOf(player)));
        }
        var (stream, kept) = await services.Streams.ResolveKeptAsync(path.ToVideo(), quality, player, null, cancellationToken);
        var url = services.Streams.PlayableUrl(stream, player, quality);
        return format == "json"
            ? TypedResults.Ok(new V3StreamResponse(platform, videoId, url, quality, PlayerDetector.NameOf(player), kept, stream.ExpiresAt,
                new V3Links(self, self.Replace("/streaming/", "/streaming/proxy/"), self.Replace("/streaming/", "/streaming/info/"), self.Replace("/streaming/", "/streaming/embed/"))))
            : TypedResults.Redirect(url);
    }

    internal static async Task<Ok<V3StreamInfo>> Info(
        [AsParameters] VideoPath path, [AsParameters] VideoServices services, CancellationToken cancellationToken)
    {
        ResolvedStream? stream = null;
        IReadOnlyList<VideoFormat> formats = [];
        try
        {
            stream = await services.Streams.ResolveAsync(path.ToVideo(), "best", PlayerKind.Auto, null, cancellationToken);
            formats = (await services.Metadata.GetFormatsAsync(path.Platform, path.VideoId, cancellationToken)).Formats;
        }
        catch (Refit.ApiException ex) when ((int)ex.StatusCode is >= 400 and < 500 && ex.StatusCode != System.Net.HttpStatusCode.BadRequest)
        {
            // The seed answered "available": false for a video without a stream.
        }
        var progressive = stream?.Format is { HasAudio: true, HasVideo: true, Ext: "mp4" } && stream.RequiresProxy == false;
        var escaped = $"{Uri.EscapeDataString(path.Platform)}/{Uri.EscapeDataString(path.VideoId)}";
        return TypedResults.Ok(new V3StreamInfo(
            path.Platform, path.VideoId, stream is not null, stream is null ? null : services.Streams.PlayableUrl(stream, PlayerKind.Auto, "best"),
            QualityOptions(formats), formats.Where(f => f.HasVideo).Select(f => f.Ext).Distinct().Order(StringComparer.Ordinal).ToList(),
            new V3PlayerCompatibility(stream is not null, progressive || stream?.ProxyPath is not null, stream is not null, stream is not null),
            new Dictionary<string, string>
            {
                ["stream"] = $"/api/v3/streaming/{escaped}",
                ["proxy"] = $"/api/v3/streaming/proxy/{escaped}",
                ["embed"] = $"/api/v3/streaming/embed/{escaped}",
                ["download"] = $"/api/v3/streaming/proxy/{escaped}?download=true",
            }));
    }

    /// <summary>
    /// Seed P42 only logged; here it forgets what legacy keeps of a video's streams (and that it
    /// was dead), of a platform's, or all: the next load resolves afresh.
    /// </summary>
    internal static async Task<NoContent> ClearCache(
        HttpContext context, string? platform, [FromQuery(Name = "video_id")] string? videoId,
        [AsParameters] VideoServices services, CancellationToken cancellationToken)
    {
        if (platform is not null)
        {
            RouteValues.EnsureSafe(platform, videoId ?? "any");
        }
        else if (videoId is not null)
        {
            throw new ProblemException(ErrorCodes.InvalidRequest, "video_id goes with platform.");
        }
        await services.Streams.ForgetAsync(platform, videoId, cancellationToken);
        context.Response.Headers["X-Cache-Cleared"] = platform is null ? "*" : videoId is null ? $"{platform}:*" : $"{platform}:{videoId}";
        context.Response.Headers["X-Timestamp"] = services.Time.GetUtcNow().ToString("O");
        return TypedResults.NoContent();
    }

    /// <summary>Seed P43: whether the video resolves at its lowest quality now.</summary>
    internal static async Task<Ok<V3StreamHealth>> StreamHealth([AsParameters] VideoPath path, PlayerStreams streams, CancellationToken cancellationToken)
    {
        RouteValues.EnsureSafe(path.Platform, path.VideoId);
        string? problem = null;
        ResolvedStream? stream = null;
        try
        {
            stream = await streams.ResolveAsync(path.ToVideo(), "worst", PlayerKind.Auto, null, cancellationToken);
        }
        catch (Exception ex) when (!LegacyProblems.DependencyDown(ex) && LegacyProblems.Classify(ex) is { } failure)
        {
            problem = failure.Code;
        }
        return TypedResults.Ok(new V3StreamHealth(path.Platform, path.VideoId, stream is not null, stream?.StreamUrl is { Length: > 0 },
            stream is null ? "degraded" : "healthy", problem));
    }

    /// <summary>Seed P44's <c>streaming_statistics</c>, from streaming's own counters.</summary>
    internal static async Task<Ok<V3Diagnostics>> Diagnostics([AsParameters] StatusServices services, CancellationToken cancellationToken)
    {
        var metrics = (await services.Streaming.GetMetricsAsync(cancellationToken)).Data;
        return TypedResults.Ok(new V3Diagnostics(
            new V3StreamingStatistics(metrics.ActiveStreams, metrics.TotalRequests, metrics.TotalBytesServed, metrics.CacheHitRate, metrics.AverageLatencyMs),
            services.Time.GetUtcNow()));
    }

    /// <summary>What the seed listed as fixed words, from the heights the video really has: best, each height, worst.</summary>
    private static List<string> QualityOptions(IReadOnlyList<VideoFormat> formats)
    {
        var heights = formats.Where(f => f.HasVideo && f.Height > 0).Select(f => f.Height!.Value).Distinct().OrderDescending().Select(h => $"{h}p");
        return formats.Count == 0 ? [] : ["best", .. heights, "worst"];
    }
}
