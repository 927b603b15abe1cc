using Refit;

namespace VideoPlatform.Contracts.Streaming;

/// <summary>
/// The streaming service, as legacy sees it. Base address <c>https+http://streaming</c>.
/// Byte-moving routes are forwarded or redirected to, not called through this client.
/// </summary>
public interface IStreamingApi
{
    [Get("/api/v2/stream/metrics")]
    Task<StreamMetricsResponse> GetMetricsAsync(CancellationToken cancellationToken = default);

    /// <summary>Chooses a format and returns its upstream URL without proxying anything.</summary>
    [Get("/api/v2/stream/direct/{platform}/{videoId}")]
    Task<ResolvedStream> GetDirectAsync(string platform, string videoId, [Query] StreamRequest request, CancellationToken cancellationToken = default);
}
