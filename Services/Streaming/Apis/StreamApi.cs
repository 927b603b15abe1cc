using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using VideoPlatform.Contracts;
using VideoPlatform.Contracts.Metadata;
using VideoPlatform.Contracts.Streaming;
using VideoPlatform.Streaming.Dash;
using VideoPlatform.Streaming.Hls;
using VideoPlatform.Streaming.Resolution;

namespace VideoPlatform.Streaming.Apis;

/// <summary>Turning a video into something a player can play: redirect, proxy, JSON, or an embeddable page.</summary>
internal static class StreamApi
{
    public static IEndpointRouteBuilder MapStreamApi(this IEndpointRouteBuilder app)
    {
        var stream = app.MapGroup("/api/v2/stream").WithTags("Streaming");
        stream.MapGet("/{platform}/{videoId}", Stream).WithName("Stream")
            .WithSummary("The video as mode=redirect (302 to the media CDN, default), proxy (bytes through this service, with Range), json, hls (rewritten playlist), dash (generated MPD), or auto (proxy for countries in Streaming:ProxyCountries, redirect elsewhere).")
            .Produces<ResolvedStream>().Produces(StatusCodes.Status302Found).Produces(StatusCodes.Status206PartialContent)
            .ProducesProblems(StreamProblems.Stream).ProducesProblem(StatusCodes.Status416RangeNotSatisfiable);
        stream.MapGet("/direct/{platform}/{videoId}", Direct).WithName("StreamDirect")
            .WithSummary("The chosen format and its upstream URL, as JSON, without proxying anything.")
            .ProducesProblems(StreamProblems.Stream);
        stream.MapMethods("/proxy/{platform}/{videoId}", [HttpMethods.Get, HttpMethods.Head], ProxyStream).WithName("StreamProxy")
            .WithSummary("The chosen format's bytes through this service: Range, If-Range and HEAD supported; expired URLs re-resolved once.")
            .Produces(StatusCodes.Status200OK).Produces(StatusCodes.Status206PartialContent)
            .ProducesProblems(StreamProblems.Stream).ProducesProblem(StatusCodes.Status416RangeNotSatisfiable);
        stream.MapGet("/dash/{platform}/{videoId}", Dash).WithName("StreamDash")
            .WithSummary("A DASH MPD of the video's adaptive formats, every file addressed through a signed segment token on this service.")
            .ProducesProblems(StreamProblems.Stream);
        stream.MapMethods("/segment/{file?}", [HttpMethods.Get, HttpMethods.Head], Segment).WithName("StreamSegment")
            .WithSummary("An entry of a rewritten HLS playlist or a file of a generated DASH MPD, named by a token this service signed: a nested playlist (rewritten again) or media bytes, with Range.")
            .Produces(StatusCodes.Status200OK).Produces(StatusCodes.Status206PartialContent)
            // A token refused is a 403, a format gone since its manifest was written a 410.
            .ProducesProblems(StreamProblems.Resolving).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status410Gone).ProducesProblem(StatusCodes.Status416RangeNotSatisfiable);
        stream.MapGet("/url", StreamUrl).WithName("StreamUrl")
            .WithSummary("Like /api/v2/stream/{platform}/{videoId}, for any supported URL (?url=https://youtu.be/…).")
            .Produces<ResolvedStream>().Produces(StatusCodes.Status302Found).Produces(StatusCodes.Status206PartialContent)
            .ProducesProblems([ErrorCodes.InvalidUrl, .. StreamProblems.Stream]).ProducesProblem(StatusCodes.Status416RangeNotSatisfiable);
        stream.MapGet("/embed/{platform}/{videoId}", Embed).WithName("StreamEmbed")
            .WithSummary("A small HTML5 player page that plays the video through this service; embeddable in other sites.")
            .ProducesProblems(StreamProblems.Input);
        return app;
    }

    private static Task<IResult> Stream(string platform, string videoId, [AsParameters] StreamQuery query, [AsParameters] StreamServices services) =>
        StreamModes.AnswerAsync(platform, videoId, query, services);

    private static async Task<Ok<ResolvedStream>> Direct(string platform, string videoId, [AsParameters] StreamQuery query, [AsParameters] StreamServices services)
    {
        StreamInput.Validate(platform, videoId, query);
        services.Metrics.RequestStarted("direct", platform);
        var resolved = await services.Resolver.ResolveAsync(platform, videoId, query.ToRequest(), fresh: false, services.Context.RequestAborted);
        return TypedResults.Ok(resolved with { ProxyForViewer = services.Options.Value.ProxiesFor(query.Country) });
    }

    private static async Task<EmptyHttpResult> ProxyStream(string platform, string videoId, [AsParameters] StreamQuery query, [AsParameters] StreamServices services)
    {
        StreamInput.Validate(platform, videoId, query);
        services.Metrics.RequestStarted("proxy", platform);
        await ProxiedStream.ServeAsync(platform, videoId, query, services);
        return TypedResults.Empty;
    }

    private static async Task<IResult> StreamUrl([FromQuery] string? url, [AsParameters] StreamQuery query, IMetadataApi metadata, [AsParameters] StreamServices services)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            throw new ProblemException(ErrorCodes.InvalidUrl, "The 'url' query parameter is required.");
        }
        var resolved = await metadata.ResolveVideoAsync(url, services.Context.RequestAborted);
        return await StreamModes.AnswerAsync(resolved.Platform, resolved.Id, query, services);
    }

    private static async Task<ContentHttpResult> Dash(string platform, string videoId, [AsParameters] StreamQuery query, [AsParameters] StreamServices services)
    {
        StreamInput.Validate(platform, videoId, query);
        services.Metrics.RequestStarted("dash", platform);
        var manifest = await services.Dash.WriteAsync(platform, videoId, query.Quality, services.Context.RequestAborted);
        return TypedResults.Text(manifest, DashManifest.ContentType, System.Text.Encoding.UTF8);
    }

    private static async Task<EmptyHttpResult> Segment([FromQuery] string? token, SegmentServer segments, HttpContext context)
    {
        await segments.ServeAsync(context, token);
        return TypedResults.Empty;
    }

    private static ContentHttpResult Embed(string platform, string videoId, [AsParameters] StreamQuery query)
    {
        StreamInput.Validate(platform, videoId, query);
        return TypedResults.Content(EmbedPage.Html(platform, videoId, query), EmbedPage.ContentType);
    }
}
