using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using VideoPlatform.Contracts.Streaming;
using VideoPlatform.Streaming.Metrics;
using VideoPlatform.Streaming.Resolution;

namespace VideoPlatform.Streaming.Apis;

internal static class StreamMetricsApi
{
    public static IEndpointRouteBuilder MapStreamMetricsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v2/stream/metrics", GetMetrics)
            .WithName("GetStreamMetrics")
            .WithTags("Metrics")
            .WithSummary("What this instance has served since it started, with the seed API's field names.")
            .ProducesProblems();
        app.MapGet("/api/v2/stream/cache/stats", GetCacheStats)
            .WithName("GetStreamCacheStats")
            .WithTags("Metrics")
            .WithSummary("Videos whose formats this instance holds, by platform, and its cache hits and misses.")
            .ProducesProblems();
        return app;
    }

    private static Ok<CacheStatsResponse> GetCacheStats(StreamResolver resolver, StreamMetricsCollector metrics, IOptions<StreamingOptions> options, TimeProvider time)
    {
        var cached = resolver.CachedByPlatform();
        var counters = metrics.Snapshot();
        var now = time.GetUtcNow();
        return TypedResults.Ok(new CacheStatsResponse(
            new CacheStats(cached.Values.Sum(), cached, counters.CacheHits, counters.CacheMisses, counters.CacheHitRate, options.Value.FormatsTtl.TotalSeconds, now),
            now));
    }

    private static Ok<StreamMetricsResponse> GetMetrics(StreamMetricsCollector metrics) =>
        TypedResults.Ok(new StreamMetricsResponse(true, metrics.Snapshot()));
}
