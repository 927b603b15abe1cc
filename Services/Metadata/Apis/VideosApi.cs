using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using VideoPlatform.Contracts;
using VideoPlatform.Contracts.Metadata;
using VideoPlatform.Metadata.Extractors;

namespace VideoPlatform.Metadata.Apis;

internal static class VideosApi
{
    public static IEndpointRouteBuilder MapVideosApi(this IEndpointRouteBuilder app)
    {
        var videos = app.MapGroup("/api/v2/videos/{platform}/{videoId}").WithTags("Videos");
        videos.MapGet("/", GetVideo).WithName("GetVideo")
            .WithSummary("A video's metadata with its formats.");
        videos.MapGet("/formats", GetFormats).WithName("GetFormats")
            .WithSummary("Every muxed, video-only and audio-only format of a video.");

        app.MapGet("/api/v2/resolve", Resolve).WithName("Resolve").WithTags("Videos")
            .WithSummary("What a pasted URL points at (platform, kind, id), without calling the platform.");
        return app;
    }

    private static async Task<Ok<VideoInfo>> GetVideo(
        string platform, string videoId, ExtractorRegistry registry, CancellationToken cancellationToken)
    {
        var extractor = FindExtractor(registry, platform, videoId);
        return TypedResults.Ok(await extractor.GetVideoAsync(videoId, cancellationToken));
    }

    private static async Task<Ok<FormatList>> GetFormats(
        string platform, string videoId, ExtractorRegistry registry, CancellationToken cancellationToken)
    {
        var extractor = FindExtractor(registry, platform, videoId);
        return TypedResults.Ok(await extractor.GetFormatsAsync(videoId, cancellationToken));
    }

    private static Ok<ResolvedUrl> Resolve([FromQuery] string? url, ExtractorRegistry registry)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            throw new PlatformException(ErrorCodes.InvalidUrl, "The 'url' query parameter is required.");
        }
        return TypedResults.Ok(registry.Resolve(url));
    }

    private static IVideoExtractor FindExtractor(ExtractorRegistry registry, string platform, string videoId)
    {
        if (!registry.TryGet(platform, out var extractor))
        {
            throw new PlatformException(ErrorCodes.UnsupportedPlatform, $"Platform '{platform}' is not supported; see /api/v2/platforms.");
        }
        if (!extractor.IsValidVideoId(videoId))
        {
            throw new PlatformException(ErrorCodes.InvalidVideoId, $"'{videoId}' is not a valid {extractor.Platform.DisplayName} video id.");
        }
        return extractor;
    }
}
