using Microsoft.AspNetCore.Http.HttpResults;
using VideoPlatform.Contracts.Streaming;
using VideoPlatform.Streaming.Metrics;

namespace VideoPlatform.Streaming.Apis;

internal static class StreamMetricsApi
{
    public static IEndpointRouteBuilder MapStreamMetricsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v2/stream/metrics", GetMetrics)
            .WithName("GetStreamMetrics")
            .WithTags("Metrics")
            .WithSummary("What this instance has served since it started, with the seed API's field names.");
        return app;
    }

    private static Ok<StreamMetricsResponse> GetMetrics(StreamMetricsCollector metrics) =>
        TypedResults.Ok(new StreamMetricsResponse(true, metrics.Snapshot()));
}
