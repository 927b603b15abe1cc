using VideoPlatform.Contracts;
using VideoPlatform.Legacy.Upstream;

namespace VideoPlatform.Legacy.Apis;

/// <summary>
/// Seed routes that are not served any more, each answered <c>410 Gone</c> with a problem that
/// says what to use instead (docs/legacy.md lists why). Most were mocks or never worked in the seed.
/// </summary>
internal static class RetiredRoutes
{
    private static readonly string[] Get = [HttpMethods.Get];
    private static readonly string[] Post = [HttpMethods.Post];

    /// <summary>
    /// Maps the seed's <paramref name="methods"/> of <paramref name="pattern"/> (GET by default) to a
    /// 410 naming <paramref name="instead"/>; naming the methods puts the route in the OpenAPI document.
    /// </summary>
    public static RouteHandlerBuilder MapRetired(this IEndpointRouteBuilder app, string pattern, string instead, string[]? methods = null) =>
        app.MapMethods(pattern, methods ?? Get, (TimeProvider time) => Gone(instead, time))
            .WithTags("retired")
            .WithSummary($"Retired: answers 410. Use instead: {instead}")
            .ProducesProblems(ErrorCodes.RouteRetired);

    public static IResult Gone(string instead, TimeProvider time) => LegacyErrorFilter.Problem(
        new ProblemException(ErrorCodes.RouteRetired, $"This route of the old API is retired. Use instead: {instead}"), time);

    public static IEndpointRouteBuilder MapRetiredRoutes(this IEndpointRouteBuilder app)
    {
        const string Downloads = "the download tasks (POST /api/v2/videos/download, then GET /api/v2/videos/tasks/{task_id}), whose download_url serves the file";
        const string Metrics = "GET /api/v2/stream/metrics, GET /api/v2/stream/cache/stats, and each service's Prometheus /metrics";
        const string Details = "POST /api/v2/videos/info or GET /api/v2/videos/{platform}/{video_id}";

        app.MapRetired("/api/v2/files/{**filename}", Downloads, [HttpMethods.Get, HttpMethods.Head]);
        app.MapRetired("/api/v2/system/storage", "nothing: streaming removes downloaded files by itself (Downloads:Retention, Downloads:MaxStorageBytes)");
        app.MapRetired("/api/v2/system/storage/cleanup", "nothing: streaming removes downloaded files by itself after every job", Post);
        app.MapRetired("/api/v2/system/stats", Metrics);
        app.MapRetired("/api/v3/streaming/test/{platform}/{videoId}", Metrics, Post);
        app.MapRetired("/api/v3/concurrent/users/{session}/jobs", "the task id each download answered (GET /api/v3/concurrent/jobs/{job_id})");
        app.MapRetired("/api/v3/concurrent/stats", Metrics);
        app.MapRetired("/api/v3/concurrent/test-concurrent", "POST /api/v3/concurrent/download, once per job", Post);
        app.MapRetired("/api/v3/concurrent/health", "GET /api/v2/system/health");
        app.MapRetired("/api/v3/concurrent/bilibili/{**rest}", "POST /api/v3/concurrent/download (BiliBili URLs included)", [HttpMethods.Get, HttpMethods.Post]);
        app.MapRetired("/api/media/details", Details);
        app.MapRetired("/api/media/format/available", "GET /api/v2/videos/{platform}/{video_id} (its formats)");
        app.MapRetired("/api/media/{**rest}", $"{Details}; downloads: {Downloads}");
        app.MapRetired("/api/content/stream/optimize", "GET /api/v2/stream/{platform}/{video_id}?quality=");
        app.MapRetired("/api/content/{**rest}", $"{Downloads}; figures: {Metrics}");
        return app;
    }
}
