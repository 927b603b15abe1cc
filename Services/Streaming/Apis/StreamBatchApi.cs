using Microsoft.AspNetCore.Http.HttpResults;
using VideoPlatform.Contracts;
using VideoPlatform.Streaming.Batch;
using VideoPlatform.Streaming.Metrics;

namespace VideoPlatform.Streaming.Apis;

/// <summary>Many videos resolved in one call.</summary>
internal static class StreamBatchApi
{
    public static IEndpointRouteBuilder MapStreamBatchApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v2/stream/batch", Resolve).WithName("StreamBatch").WithTags("Streaming")
            .WithSummary("A JSON array (at most Streaming:MaxBatchSize, 50) of {platform, video_id | url, quality, format, player}; each entry resolved as /direct would, a few at a time, with its own result or problem.")
            // The batch itself fails only when it is empty, too large or holds no valid entry; each entry's problem is in its result.
            .ProducesProblems(ErrorCodes.InvalidRequest);
        return app;
    }

    private static async Task<Ok<StreamBatchResponse>> Resolve(List<StreamBatchItem?> items, StreamBatch batch, StreamMetricsCollector metrics, CancellationToken cancellationToken)
    {
        metrics.RequestStarted("batch", "batch");
        return TypedResults.Ok(await batch.ResolveAsync(items, cancellationToken));
    }
}
