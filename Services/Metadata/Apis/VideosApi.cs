using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using VideoPlatform.Contracts;
using VideoPlatform.Contracts.Metadata;
using VideoPlatform.Metadata.Extractors;

namespace VideoPlatform.Metadata.Apis;

internal static class VideosApi
{
    private const int MaxBatch = 50;
    private const int BatchConcurrency = 4;

    public static IEndpointRouteBuilder MapVideosApi(this IEndpointRouteBuilder app)
    {
        var videos = app.MapGroup("/api/v2/videos/{platform}/{videoId}").WithTags("Videos")
            .ProducesProblems([.. MetadataProblems.VideoLookup, .. MetadataProblems.Extraction]);
        videos.MapGet("/", GetVideo).WithName("GetVideo")
            .WithSummary("A video's metadata with its formats.");
        videos.MapGet("/formats", GetFormats).WithName("GetFormats").ProducesProblems(ErrorCodes.InvalidRequest)
            .WithSummary("Every muxed, video-only and audio-only format of a video, with HLS/DASH manifests for live streams; fresh=true (for a URL the CDN refused) extracts again unless the held formats are younger than Metadata:Cache:RefreshAfter.");

        app.MapPost("/api/v2/videos/info", PostInfo).WithName("PostVideoInfo").WithTags("Videos")
            .ProducesProblems([ErrorCodes.InvalidRequest, .. MetadataProblems.UrlLookup, .. MetadataProblems.VideoLookup, .. MetadataProblems.Extraction])
            .WithSummary("A video's metadata from any supported URL: {\"url\": \"https://youtu.be/…\"}.");
        // Each URL's own problem is its item's error; only a failure to ask at all fails the batch.
        app.MapPost("/api/v2/videos/batch/info", PostBatchInfo).WithName("PostBatchVideoInfo").WithTags("Videos")
            .ProducesProblems(ErrorCodes.InvalidRequest, ErrorCodes.UpstreamUnavailable)
            .WithSummary($"Metadata of up to {MaxBatch} URLs, each answered on its own: {{\"urls\": [...]}}.");
        app.MapGet("/api/v2/resolve", Resolve).WithName("Resolve").WithTags("Videos")
            .ProducesProblems(MetadataProblems.UrlLookup)
            .WithSummary("What a pasted URL points at (platform, kind, id), without calling the platform (short links such as b23.tv cost one request).");
        return app;
    }

    private static async ValueTask<CachedJsonResult<VideoInfo>> GetVideo(string platform, string videoId, [AsParameters] VideoServices services, CancellationToken cancellationToken) =>
        new(await services.Cache.GetVideoAsync(services.Registry.Find(platform, videoId), videoId, cancellationToken));

    private static async ValueTask<CachedJsonResult<FormatList>> GetFormats(string platform, string videoId, [FromQuery] bool? fresh,
        [AsParameters] VideoServices services, CancellationToken cancellationToken) =>
        new(await services.Cache.GetFormatsAsync(services.Registry.Find(platform, videoId), videoId, cancellationToken, refresh: fresh == true));

    private static async Task<CachedJsonResult<VideoInfo>> PostInfo(VideoUrlRequest request, [AsParameters] VideoServices services, CancellationToken cancellationToken)
    {
        var (extractor, id) = await services.Registry.FindVideoAsync(request.Url, cancellationToken);
        return new(await services.Cache.GetVideoAsync(extractor, id, cancellationToken));
    }

    /// <summary>Each URL answered on its own, a few at a time: one dead video fails its item, not the batch.</summary>
    private static async Task<Ok<BatchInfoResponse>> PostBatchInfo(BatchInfoRequest request, [AsParameters] VideoServices services, CancellationToken cancellationToken)
    {
        var urls = request.Urls ?? [];
        if (urls.Count is 0 or > MaxBatch)
        {
            throw new ProblemException(ErrorCodes.InvalidRequest, $"Send between 1 and {MaxBatch} URLs in 'urls'.");
        }

        using var gate = new SemaphoreSlim(BatchConcurrency);
        var items = await Task.WhenAll(urls.Select(async url =>
        {
            await gate.WaitAsync(cancellationToken);
            try
            {
                var (extractor, id) = await services.Registry.FindVideoAsync(url, cancellationToken);
                return new BatchInfoItem(url, true, await services.Cache.GetVideoAsync(extractor, id, cancellationToken), null);
            }
            catch (ProblemException ex)
            {
                return new BatchInfoItem(url, false, null, new BatchInfoError(ex.Code, ex.Message));
            }
            finally
            {
                gate.Release();
            }
        }));
        return TypedResults.Ok(new BatchInfoResponse(items.Count(i => i.Success), items.Count(i => !i.Success), items));
    }

    private static async Task<Ok<ResolvedUrl>> Resolve([FromQuery] string? url, ExtractorRegistry registry, CancellationToken cancellationToken) =>
        string.IsNullOrWhiteSpace(url)
            ? throw new ProblemException(ErrorCodes.InvalidUrl, "The 'url' query parameter is required.")
            : TypedResults.Ok(await registry.ResolveAsync(url, cancellationToken));
}
