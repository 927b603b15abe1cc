using Microsoft.AspNetCore.Http.HttpResults;
using VideoPlatform.Contracts;
using VideoPlatform.Contracts.Metadata;
using VideoPlatform.Contracts.Streaming;
using VideoPlatform.Streaming.Downloads;
using VideoPlatform.Streaming.Metrics;
using VideoPlatform.Streaming.Resolution;
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
            .WithSummary("{url, quality, format, audio_only, audio_format: m4a|mp3, file_name} → 202 with the job and its token; adaptive video and audio are muxed by ffmpeg without re-encoding.")
            // Metadata failing to read the URL is passed on; the video itself is resolved by the job.
            .ProducesProblems(ErrorCodes.InvalidUrl, ErrorCodes.InvalidRequest, ErrorCodes.UpstreamUnavailable);
        downloads.MapGet("/", List).WithName("ListDownloads").WithSummary("The jobs of the caller's API key, newest first (403 without a key).")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblems();
        // A job that does not exist and one the caller may not see are the same 404.
        downloads.MapGet("/{id}", Get).WithName("GetDownload").WithSummary("A job: state, percent, bytes, speed, ETA (?token= unless the caller's key owns it).")
            .ProducesProblems(ErrorCodes.NotFound);
        downloads.MapMethods("/{id}/file", [HttpMethods.Get, HttpMethods.Head], File).WithName("GetDownloadFile").WithSummary("The finished file, with Range (?token= unless the caller's key owns it).")
            .Produces(StatusCodes.Status200OK).Produces(StatusCodes.Status206PartialContent)
            // 409 while the job runs, 410 once retention removed the file.
            .ProducesProblems(ErrorCodes.NotFound).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status410Gone);
        downloads.MapDelete("/{id}", Delete).WithName("DeleteDownload").WithSummary("Cancels the job and removes its file (?token= unless the caller's key owns it).")
            .ProducesProblems(ErrorCodes.NotFound);
        return app;
    }

    private static async Task<Accepted<DownloadJob>> Start(DownloadRequest request, IMetadataApi metadata, [AsParameters] DownloadServices services)
    {
        if (string.IsNullOrWhiteSpace(request.Url) || request.Url.Length > 2048)
        {
            throw new ProblemException(ErrorCodes.InvalidUrl, "A video 'url' (at most 2048 characters) is required.");
        }
        if (request.Quality is { } quality && !FormatSelector.Qualities.Contains(quality.ToLowerInvariant()))
        {
            throw new ProblemException(ErrorCodes.InvalidRequest, $"Unknown quality. Use one of: {string.Join(", ", FormatSelector.Qualities)}.");
        }
        StreamInput.ValidateFormat(request.Format);
        if (request.AudioFormat is { } audio && audio is not ("m4a" or "mp3"))
        {
            throw new ProblemException(ErrorCodes.InvalidRequest, "audio_format must be m4a or mp3.");
        }

        var video = await metadata.ResolveVideoAsync(request.Url, services.Context.RequestAborted);

        var now = services.Time.GetUtcNow();
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
            Owner = DownloadAccess.OwnerOf(services.Context),
            CreatedAt = now,
            UpdatedAt = now,
        };
        await services.Store.SaveAsync(job);
        services.Metrics.DownloadJobEntered(DownloadStates.Queued);
        await services.Worker.EnqueueAsync(job.Id);
        var token = services.Access.TokenFor(job.Id);
        return TypedResults.Accepted($"/api/v2/downloads/{job.Id}?token={token}", job with { Token = token });
    }

    private static async Task<Ok<List<DownloadJob>>> List([AsParameters] DownloadServices services)
    {
        var owner = DownloadAccess.OwnerOf(services.Context)
            ?? throw new ProblemException(ErrorCodes.Unauthorized, "Listing downloads takes the API key that created them; follow one job with its token.") { Status = StatusCodes.Status403Forbidden };
        return TypedResults.Ok((await services.Store.ListAsync()).Where(j => j.Owner == owner).ToList());
    }

    private static async Task<Ok<DownloadJob>> Get(string id, [AsParameters] DownloadServices services) =>
        TypedResults.Ok(await Find(id, services));

    private static async Task<IResult> File(string id, [AsParameters] DownloadServices services)
    {
        var job = await Find(id, services);
        if (job.State != DownloadStates.Completed)
        {
            throw new ProblemException(ErrorCodes.InvalidRequest, $"The download is {job.State}; the file is there once it is completed.") { Status = StatusCodes.Status409Conflict };
        }
        var path = services.Worker.PathOf(job);
        if (!System.IO.File.Exists(path))
        {
            throw new ProblemException(ErrorCodes.NotFound, "The file was removed (retention or storage quota); start the download again.") { Status = StatusCodes.Status410Gone };
        }
        var type = Path.GetExtension(path) switch { ".m4a" => "audio/mp4", ".mp3" => "audio/mpeg", _ => "video/mp4" };
        return TypedResults.PhysicalFile(path, type, job.FileName, enableRangeProcessing: true);
    }

    private static async Task<NoContent> Delete(string id, [AsParameters] DownloadServices services)
    {
        var job = await Find(id, services);
        await services.Store.SaveAsync(job with { State = DownloadStates.Cancelled });
        if (job.State is DownloadStates.Queued or DownloadStates.Running)
        {
            services.Metrics.DownloadJobEntered(DownloadStates.Cancelled);
        }
        services.Worker.Cancel(id);
        System.IO.File.Delete(services.Worker.PathOf(job));
        await services.Store.RemoveAsync(id);
        return TypedResults.NoContent();
    }

    private static async Task<DownloadJob> Find(string id, DownloadServices services)
    {
        var job = id.Length == 32 && id.All(char.IsAsciiHexDigitLower) && await services.Store.GetAsync(id) is { } found
            ? found
            : throw DownloadAccess.NotFound();
        services.Access.Demand(services.Context, job);
        return job;
    }
}
