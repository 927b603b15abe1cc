using Refit;

namespace VideoPlatform.Contracts.Streaming;

/// <summary>
/// The streaming service, as legacy sees it. Base address <c>https+http://streaming</c>.
/// Byte-moving routes are forwarded, not called through this client.
/// </summary>
public interface IStreamingApi
{
    [Get("/api/v2/stream/metrics")]
    Task<StreamMetricsResponse> GetMetricsAsync(CancellationToken cancellationToken = default);
}
