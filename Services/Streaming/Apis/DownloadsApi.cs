using System.Net;
using Microsoft.AspNetCore.Http.HttpResults;
using Refit;
using VideoPlatform.Contracts;
using VideoPlatform.Contracts.Metadata;
using VideoPlatform.Contracts.Streaming;
using VideoPlatform.Streaming.Downloads;
using VideoPlatform.Streaming.Metrics;
using VideoPlatform.Streaming.Selection;

namespace VideoPlatform.Streaming.Apis;

/// <summary>
/// Download jobs: start one, follow its progress, fetch the file (with Range), cancel it. A job is
/// seen only by the API key that created it or with the token its creation answered.
/// </summary>
internal static class DownloadsApi
{
    public static IEndpointRouteBuilder MapDownloadsApi(this IEndpointRouteBuilder app)
    {
        var downloads = app.MapGroup("/api/v2/downloads").WithTags("Downloads");
        downloads.MapPost("/", Start).WithName("StartDownload")
            .WithSummary("{url, quality, format, audio_only, audio_format: m4a|mp3, file_name} → 202 with the job and its token; adaptive video and audio are muxed by ffmpeg without re-encoding.");
        downloads.MapGet("/", List).WithName("ListDownloads").WithSummary("The jobs of the caller's API key, newest first (403 without a key).");
        downloads.MapGet("/{id}", Get).WithName("GetDownload").WithSummary("A job: state, percent, bytes, speed, ETA (?token= unless the caller's key owns it).");
        downloads.MapMethods("/{id}/file", [HttpMethods.Get, HttpMethods.Head], File).WithName("GetDownloadFile").WithSummary("The finished file, with Range (?token= unless the caller's key owns it).");
        downloads.MapDelete("/{id}", Delete).WithName("DeleteDownload").WithSummary("Cancels the job and removes its file (?token= unless the caller's key owns it).");
        return app;
    }

    private static async Task<Accepted<DownloadJob>> Start(HttpContext context, DownloadRequest request, IMetadataApi metadata, DownloadStore store,
        DownloadWorker worker, DownloadAccess access, StreamMetricsCollector metrics, TimeProvider time, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Url) || request.Url.Length > 2048)
        {
            throw new StreamingException(ErrorCodes.InvalidUrl, "A video 'url' (at most 2048 characters) is required.");
        }
        if (request.Quality is { } quality && !FormatSelector.Qualities.Contains(quality.ToLowerInvariant()))
        {
            throw new StreamingException(ErrorCodes.InvalidRequest, $"Unknown quality. Use one of: {string.Join(", ", FormatSelector.Qualities)}.");
        }
        if (request.Format is { } format)
        {
            SelectorParser.Parse(format);
        }
        if (request.AudioFormat is { } audio && audio is not ("m4a" or "mp3"))
        {
            throw new StreamingException(ErrorCodes.InvalidRequest, "audio_format must be m4a or mp3.");
        }

        ResolvedUrl video;
        try
        {
            video = await metadata.ResolveAsync(request.Url, cancellationToken);
        }
        catch (ApiException ex) when (ex.StatusCode == HttpStatusCode.BadRequest)
        {
            throw new StreamingException(ErrorCodes.InvalidUrl, "That is not a supported video URL.");
        }
        if (video.Kind != "video")
        {
            throw new StreamingException(ErrorCodes.InvalidUrl, $"That URL points at a {video.Kind}, not a video.");
        }

        var now = time.GetUtcNow();
        var job = new DownloadJob
        {
            Id = Guid.NewGuid().ToString("N"),
            Url = request.Url,
            Platform = video.Platform,
            VideoId = video.Id,
            Quality = request.Quality,
            Format = request.Format,
            AudioOnly = request.AudioOnly ?? false,
            AudioFormat = request.AudioOnly == true ? request.AudioFormat ?? "m4a" : null,
            FileName = string.IsNullOrWhiteSpace(request.FileName) ? null : request.FileName,
            Owner = DownloadAccess.OwnerOf(context),
            CreatedAt = now,
            UpdatedAt = now,
        };
        await store.SaveAsync(job);
        metrics.DownloadJobEntered(DownloadStates.Queued);
        await worker.EnqueueAsync(job.Id);
        var token = access.TokenFor(job.Id);
        return TypedResults.Accepted($"/api/v2/downloads/{job.Id}?token={token}", job with { Token = token });
    }

    private static async Task<Ok<List<DownloadJob>>> List(HttpContext context, DownloadStore store)
    {
        var owner = DownloadAccess.OwnerOf(context)
            ?? throw new StreamingException(ErrorCodes.Unauthorized, "Listing downloads takes the API key that created them; follow one job with its token.", StatusCodes.Status403Forbidden);
        return TypedResults.Ok((await store.ListAsync()).Where(j => j.Owner == owner).ToList());
    }

    private static async Task<Ok<DownloadJob>> Get(HttpContext context, string id, DownloadStore store, DownloadAccess access) =>
        TypedResults.Ok(await Find(context, id, store, access));

    private static async Task<IResult> File(HttpContext context, string id, DownloadStore store, DownloadWorker worker, DownloadAccess access)
    {
        var job = await Find(context, id, store, access);
        if (job.State != DownloadStates.Completed)
        {
            throw new StreamingException(ErrorCodes.InvalidRequest, $"The download is {job.State}; the file is there once it is completed.", StatusCodes.Status409Conflict);
        }
        var path = worker.PathOf(job);
        if (!System.IO.File.Exists(path))
        {
            throw new StreamingException(ErrorCodes.NotFound, "The file was removed (retention or storage quota); start the download again.", StatusCodes.Status410Gone);
        }
        var type = Path.GetExtension(path) switch { ".m4a" => "audio/mp4", ".mp3" => "audio/mpeg", _ => "video/mp4" };
        return TypedResults.PhysicalFile(path, type, job.FileName, enableRangeProcessing: true);
    }

    private static async Task<NoContent> Delete(
        HttpContext context, string id, DownloadStore store, DownloadWorker worker, DownloadAccess access, StreamMetricsCollector metrics)
    {
        var job = await Find(context, id, store, access);
        await store.SaveAsync(job with { State = DownloadStates.Cancelled });
        if (job.State is DownloadStates.Queued or DownloadStates.Running)
        {
            metrics.DownloadJobEntered(DownloadStates.Cancelled);
        }
        worker.Cancel(id);
        System.IO.File.Delete(worker.PathOf(job));
        await store.RemoveAsync(id);
        return TypedResults.NoContent();
    }

    private static async Task<DownloadJob> Find(HttpContext context, string id, DownloadStore store, DownloadAccess access)
    {
        var job = id.Length == 32 && id.All(char.IsAsciiHexDigitLower) && await store.GetAsync(id) is { } found
            ? found
            : throw DownloadAccess.NotFound();
        access.Demand(context, job);
        return job;
    }
}
