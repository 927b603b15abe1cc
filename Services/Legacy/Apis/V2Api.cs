using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using VideoPlatform.Legacy.Compatibility;
using VideoPlatform.Legacy.Health;
using VideoPlatform.Legacy.Upstream;

namespace VideoPlatform.Legacy.Apis;

/// <summary>
/// The Go API's banner, system routes, videos and playlists (<c>/</c>, <c>/api/v2/system/*</c>,
/// <c>/api/v2/videos/{platform}/{id}</c>, <c>/api/v2/playlists/…</c>). Its streams are
/// <see cref="V2StreamApi"/>'s; the Python API's <c>/api/v2/videos/*</c> are <see cref="V2VideosApi"/>'s.
/// </summary>
internal static class V2Api
{
    public static IEndpointRouteBuilder MapV2Api(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", GetBanner).WithName("Banner").WithTags("v2").ExcludeFromDescription();
        app.MapGet("/api/v2/system/health", GetSystemHealth).WithName("SystemHealth").ProducesProblems().WithTags("v2")
            .WithSummary("The Go API's health answer; 503 when a dependency is down.");
        app.MapGet("/api/v2/system/version", GetVersion).WithName("SystemVersion").ProducesProblems().WithTags("v2")
            .WithSummary("Name, version and description of this API (seed P8).");

        var go = app.MapGroup("/api/v2").WithTags("v2");
        go.MapGet("/videos/{platform}/{videoId}", GetVideo).WithName("GoVideo").WithJsonErrors()
            .ProducesProblems(LegacyProblemCodes.PathToStream);
        go.MapGet("/playlists/{platform}/{playlistId}", GetPlaylist).WithName("GoPlaylist").WithJsonErrors()
            .ProducesProblems(LegacyProblemCodes.Task);
        return app;
    }

    internal static async Task<Ok<Banner>> GetBanner([AsParameters] StatusServices services, CancellationToken cancellationToken) =>
        TypedResults.Ok(new Banner(
            ApiIdentity.Name, ApiIdentity.Version, ApiIdentity.Description,
            "/docs", "/openapi/v1.json", "/api/health",
            new Dictionary<string, string>
            {
                ["health"] = "/api/v2/system/health",
                ["streaming"] = "/api/v2/stream/{platform}/{video_id}?mode=&quality=&country=",
                ["proxy"] = "/api/v2/stream/proxy/{platform}/{video_id}",
                ["direct"] = "/api/v2/stream/direct/{platform}/{video_id}",
                ["info"] = "/api/v2/videos/{platform}/{video_id}",
                ["playlists"] = "/api/v2/playlists/{platform}/{playlist_id}",
                ["vrchat"] = "/api/vrchat/stream?url=",
                ["simple"] = "/api/stream?url=",
            },
            await services.Platforms.NamesAsync(cancellationToken), services.Time.GetUtcNow()));

    internal static Ok<ApiVersion> GetVersion(TimeProvider time) =>
        TypedResults.Ok(new ApiVersion(ApiIdentity.Name, ApiIdentity.Version, ApiIdentity.Description, time.GetUtcNow()));

    internal static async Task<IResult> GetSystemHealth([AsParameters] StatusServices services, CancellationToken cancellationToken)
    {
        var dependencies = await services.Health.CheckAllAsync(cancellationToken);
        var down = DependencyHealth.AnyDown(dependencies);
        var process = System.Diagnostics.Process.GetCurrentProcess();
        var now = services.Time.GetUtcNow();
        var report = new GoHealth(
            down ? "unhealthy" : dependencies.Values.All(s => s.Status == "Healthy") ? "healthy" : "degraded",
            now, ApiIdentity.Version,
            dependencies.ToDictionary(s => s.Key, s => s.Value.Status == "Unhealthy" ? $"unhealthy: {s.Value.Detail}" : s.Value.Status.ToLowerInvariant()),
            Uptime(now - process.StartTime.ToUniversalTime()),
            new GoMemory(Mb(GC.GetTotalMemory(false)), Mb(GC.GetTotalAllocatedBytes()), Mb(process.WorkingSet64), GC.CollectionCount(0)));
        return down ? TypedResults.Json(report, statusCode: StatusCodes.Status503ServiceUnavailable) : TypedResults.Ok(report);
    }

    internal static async Task<Ok<GoSuccess<GoVideoInfo>>> GetVideo(
        [AsParameters] VideoPath path, [AsParameters] VideoServices services, CancellationToken cancellationToken)
    {
        var video = await services.Metadata.GetVideoAsync(path.Platform, path.VideoId, cancellationToken);
        var formats = video.Formats.Select(f => new GoFormat(
            f.FormatId, f.Url, f.Ext, f.QualityLabel ?? (f.Height is { } h ? $"{h}p" : null),
            f.Width is { } w && f.Height is { } hh ? $"{w}x{hh}" : null, f.Filesize, f.Bitrate,
            f.HasVideo ? f.Vcodec : f.Acodec)).ToList();
        return TypedResults.Ok(new GoSuccess<GoVideoInfo>(true, "Video information retrieved successfully", new GoVideoInfo(
            video.Id, video.Title, video.Description, (long)Math.Round(video.Duration ?? 0), video.Thumbnail, video.Platform,
            video.Uploader, video.ViewCount, video.LikeCount, formats, video.UploadDate), services.Time.GetUtcNow()));
    }

    internal static async Task<Ok<GoSuccess<GoPlaylistInfo>>> GetPlaylist(
        string platform, string playlistId, [AsParameters] VideoServices services, CancellationToken cancellationToken)
    {
        using var document = JsonDocument.Parse(await services.Playlists.GetPlaylistAsync(platform, playlistId, cancellationToken));
        return TypedResults.Ok(new GoSuccess<GoPlaylistInfo>(true, "Playlist information retrieved successfully",
            GoPlaylists.Read(document.RootElement, platform, playlistId), services.Time.GetUtcNow()));
    }

    private static double Mb(long bytes) => Math.Round(bytes / 1024.0 / 1024.0, 1);

    private static string Uptime(TimeSpan span) => $"{(int)span.TotalHours}h{span.Minutes}m{span.Seconds}s";
}
