using Microsoft.AspNetCore.Http.HttpResults;
using VideoPlatform.Contracts.Metadata;
using VideoPlatform.Legacy.Compatibility;
using VideoPlatform.Legacy.Health;
using VideoPlatform.Legacy.Streams;
using VideoPlatform.Legacy.Upstream;
using VideoPlatform.Legacy.Vrchat;

namespace VideoPlatform.Legacy.Apis;

/// <summary>The seed's simple API under <c>/api</c>.</summary>
internal static class SimpleApi
{
    public static IEndpointRouteBuilder MapSimpleApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Simple API");
        api.MapMethods("/stream", PlayerRedirects.Methods, Stream).WithName("SimpleStream").WithPlayerErrors()
            .ProducesProblems(LegacyProblemCodes.UrlToStream)
            .WithSummary("302 to the stream (format=redirect), to streaming's proxy (format=proxy), or JSON (format=json).");
        api.MapGet("/info", Info).WithName("SimpleInfo").WithJsonErrors()
            .ProducesProblems(LegacyProblemCodes.UrlToVideo)
            .WithSummary("A video's metadata and whether a stream can be resolved.");
        api.MapGet("/download", Download).WithName("SimpleDownload").WithPlayerErrors()
            .ProducesProblems(LegacyProblemCodes.UrlToVideo)
            .WithSummary("302 to streaming's proxy as an attachment.");
        api.MapGet("/formats", Formats).WithName("SimpleFormats").WithJsonErrors()
            .ProducesProblems(LegacyProblemCodes.UrlToVideo)
            .WithSummary("The qualities a video is available in.");
        api.MapGet("/embed", Embed).WithName("SimpleEmbed").WithPlayerErrors()
            .ProducesProblems(LegacyProblemCodes.UrlToVideo)
            .WithSummary("302 to an HTML5 player page for the video.");
        api.MapGet("/platforms", GetPlatforms).WithName("LegacyPlatforms").WithJsonErrors()
            .ProducesProblems(LegacyProblemCodes.Dependencies)
            .WithSummary("The supported platforms, in the seed's shape, as the metadata service reports them.");
        api.MapGet("/health", GetHealth).WithName("LegacyHealth").ProducesProblems()
            .WithSummary("The health of every service legacy depends on; 503 when one is down.");
        return app;
    }

    internal static async Task<IResult> Stream(HttpContext context, [AsParameters] VideoServices services, CancellationToken cancellationToken)
    {
        var query = LegacyQuery.Parse(context.Request.QueryString.Value);
        var quality = LegacyQuality.ForSimple(query["quality"]);
        var player = PlayerDetector.Detect(query["player"], context.Request.Headers.UserAgent);
        var video = await services.Locator.LocateAsync(query.Target, cancellationToken);
        context.Response.NoStore();
        if (string.Equals(query["format"], "proxy", StringComparison.OrdinalIgnoreCase))
        {
            return TypedResults.Redirect(services.Streams.ProxyUrl(video, quality, player));
        }

        var stream = await services.Streams.ResolveAsync(video, quality, player, null, cancellationToken);
        var url = services.Streams.PlayableUrl(stream, player, quality);
        return string.Equals(query["format"], "json", StringComparison.OrdinalIgnoreCase)
            ? TypedResults.Ok(new SimpleStreamResponse(video.Platform, video.VideoId, url, query["quality"] ?? "highest", true))
            : TypedResults.Redirect(url);
    }

    internal static async Task<Ok<SimpleInfoResponse>> Info(HttpContext context, [AsParameters] VideoServices services, CancellationToken cancellationToken)
    {
        var query = LegacyQuery.Parse(context.Request.QueryString.Value);
        var video = await services.Locator.LocateAsync(query.Target, cancellationToken);
        var info = await services.Metadata.GetVideoAsync(video.Platform, video.VideoId, cancellationToken);
        bool available;
        try
        {
            await services.Streams.ResolveAsync(video, "best", PlayerKind.Auto, null, cancellationToken);
            available = true;
        }
        catch (Refit.ApiException)
        {
            // Metadata without a playable stream (members-only, upcoming live) is still an answer.
            available = false;
        }
        return TypedResults.Ok(new SimpleInfoResponse(video.Platform, video.VideoId, LegacyVideoFields.From(info), available, true));
    }

    internal static Task<RedirectHttpResult> Download(HttpContext context, [AsParameters] VideoServices services, CancellationToken cancellationToken) =>
        PlayerRedirects.AttachmentAsync(context, forPlayer: false, services, cancellationToken);

    internal static async Task<Ok<SimpleFormatsResponse>> Formats(HttpContext context, [AsParameters] VideoServices services, CancellationToken cancellationToken)
    {
        var query = LegacyQuery.Parse(context.Request.QueryString.Value);
        var video = await services.Locator.LocateAsync(query.Target, cancellationToken);
        var info = await services.Metadata.GetVideoAsync(video.Platform, video.VideoId, cancellationToken);
        var heights = info.Formats.Where(f => f.HasVideo && f.Height is > 0)
            .Select(f => f.Height!.Value).Distinct().OrderDescending().Select(h => $"{h}p");
        return TypedResults.Ok(new SimpleFormatsResponse(
            video.Platform, video.VideoId, ["highest", "lowest", .. heights], "highest", LegacyVideoFields.From(info), true));
    }

    internal static async Task<RedirectHttpResult> Embed(HttpContext context, VideoLocator locator, CancellationToken cancellationToken)
    {
        var query = LegacyQuery.Parse(context.Request.QueryString.Value);
        var video = await locator.LocateAsync(query.Target, cancellationToken);
        var embed = QueryString.Create("width", query["width"] ?? "640")
            .Add("height", query["height"] ?? "360")
            .Add("quality", query["quality"] ?? "best");
        return TypedResults.Redirect($"/api/v2/stream/embed/{Uri.EscapeDataString(video.Platform)}/{Uri.EscapeDataString(video.VideoId)}{embed}");
    }

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

    private static async Task<IResult> GetHealth([AsParameters] StatusServices services, CancellationToken cancellationToken)
    {
        var dependencies = await services.Health.CheckAllAsync(cancellationToken);
        var down = DependencyHealth.AnyDown(dependencies);
        var degraded = dependencies.Values.Any(s => s.Status != "Healthy");
        var report = new LegacyHealthReport(
            down ? "unhealthy" : degraded ? "degraded" : "healthy",
            services.Time.GetUtcNow(), ApiIdentity.Version,
            dependencies.ToDictionary(s => s.Key, s => s.Value));
        return down
            ? TypedResults.Json(report, statusCode: StatusCodes.Status503ServiceUnavailable)
            : TypedResults.Ok(report);
    }
}
