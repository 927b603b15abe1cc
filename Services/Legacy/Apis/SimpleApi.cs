using Microsoft.AspNetCore.Http.HttpResults;
using VideoPlatform.Contracts.Metadata;
using VideoPlatform.Legacy.Health;

namespace VideoPlatform.Legacy.Apis;

/// <summary>The seed's simple API under <c>/api</c>.</summary>
internal static class SimpleApi
{
    private const string Version = "3.0.0";

    public static IEndpointRouteBuilder MapSimpleApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Simple API");
        api.MapGet("/platforms", GetPlatforms).WithName("LegacyPlatforms")
            .WithSummary("The supported platforms, in the seed's shape, as the metadata service reports them.");
        api.MapGet("/health", GetHealth).WithName("LegacyHealth")
            .WithSummary("The health of every service legacy depends on; 503 when one is down.");
        return app;
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

    private static async Task<IResult> GetHealth(DependencyHealth health, TimeProvider time, CancellationToken cancellationToken)
    {
        var services = await health.CheckAllAsync(cancellationToken);
        var down = services.Values.Any(s => s.Status == "Unhealthy");
        var degraded = services.Values.Any(s => s.Status != "Healthy");
        var report = new LegacyHealthReport(
            down ? "unhealthy" : degraded ? "degraded" : "healthy",
            time.GetUtcNow(), Version,
            services.ToDictionary(s => s.Key, s => s.Value));
        return down
            ? TypedResults.Json(report, statusCode: StatusCodes.Status503ServiceUnavailable)
            : TypedResults.Ok(report);
    }
}

internal sealed record LegacyPlatform(
    string Name, string PlatformId, IReadOnlyList<string> Domains, IReadOnlyList<string> ExampleUrls,
    IReadOnlyList<string> Features, string? Notes);

internal sealed record LegacyPlatformList(
    IReadOnlyList<LegacyPlatform> SupportedPlatforms, int TotalPlatforms,
    IReadOnlyList<string> SimpleEndpoints, IReadOnlyList<string> VrchatEndpoints, IReadOnlyList<string> VrchatFeatures);

internal sealed record LegacyHealthReport(
    string Status, DateTimeOffset Timestamp, string Version, IReadOnlyDictionary<string, DependencyStatus> Services);
