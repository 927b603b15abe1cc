using Microsoft.AspNetCore.Http.HttpResults;
using VideoPlatform.Legacy.Downloads;
using VideoPlatform.Legacy.Upstream;

namespace VideoPlatform.Legacy.Apis;

/// <summary>
/// The seed's <c>/api/v3/concurrent/*</c> downloads (P54–P56) as streaming's download jobs; the
/// job id is the task id of the other download routes. Its per-session listing and statistics are
/// retired (<see cref="RetiredRoutes"/>).
/// </summary>
internal static class ConcurrentApi
{
    public static IEndpointRouteBuilder MapConcurrentApi(this IEndpointRouteBuilder app)
    {
        var concurrent = app.MapGroup("/api/v3/concurrent").WithTags("v3");
        concurrent.MapPost("/download", Start).WithName("ConcurrentDownload").WithJsonErrors()
            .ProducesProblems(LegacyProblemCodes.UrlToVideo);
        concurrent.MapGet("/jobs/{jobId}", Get).WithName("ConcurrentJob").WithJsonErrors()
            .ProducesProblems(LegacyProblemCodes.Task);
        concurrent.MapDelete("/jobs/{jobId}", Cancel).WithName("ConcurrentCancel").WithJsonErrors()
            .ProducesProblems(LegacyProblemCodes.Task);
        return app;
    }

    internal static async Task<Accepted<ConcurrentJobStarted>> Start(
        HttpContext context, ConcurrentDownloadRequest request, LegacyDownloads downloads, CancellationToken cancellationToken)
    {
        var (id, job, _) = await downloads.StartAsync(request.Url, request.Quality, request.AudioOnly, request.CustomFilename, cancellationToken);
        string session = context.Request.Headers["X-Session-ID"].ToString() is { Length: > 0 and <= 64 } given ? given : Guid.NewGuid().ToString();
        var self = $"/api/v3/concurrent/jobs/{id}";
        context.Response.Headers["X-Job-ID"] = id.ToString();
        context.Response.Headers["X-Session-ID"] = session;
        return TypedResults.Accepted(self, new ConcurrentJobStarted(
            id.ToString(), id.ToString(), session, "submitted", $"Download of {job.Platform}/{job.VideoId} submitted",
            new Dictionary<string, string> { ["status"] = self, ["cancel"] = self }));
    }

    internal static async Task<Ok<ConcurrentJob>> Get(string jobId, LegacyDownloads downloads, CancellationToken cancellationToken)
    {
        var followed = await downloads.GetAsync(jobId, cancellationToken);
        var (job, task) = (followed.Job, PythonTaskInfo.From(followed));
        return TypedResults.Ok(new ConcurrentJob(task.TaskId, job.VideoId, job.Url, job.Quality, task.Status, task.Progress, task.CreatedAt,
            task.DownloadUrl, task.Error, task.ErrorCode));
    }

    internal static async Task<NoContent> Cancel(HttpContext context, string jobId, LegacyDownloads downloads, CancellationToken cancellationToken)
    {
        await downloads.CancelAsync(jobId, cancellationToken);
        context.Response.Headers["X-Job-ID"] = jobId;
        return TypedResults.NoContent();
    }
}

/// <summary>Body of <c>POST /api/v3/concurrent/download</c> (seed <c>ConcurrentDownloadRequest</c>).</summary>
internal sealed record ConcurrentDownloadRequest(string? Url, string? Quality, string? FormatType, bool AudioOnly, string? CustomFilename);

internal sealed record ConcurrentJobStarted(
    string JobId, string TaskId, string UserSession, string Status, string Message, IReadOnlyDictionary<string, string> Links);

/// <summary>Seed P55's job, the measured part of it.</summary>
internal sealed record ConcurrentJob(
    string JobId, string VideoId, string Url, string? Quality, string Status, double? Progress, string CreatedAt,
    string? DownloadUrl, string? Error, string? ErrorCode);
