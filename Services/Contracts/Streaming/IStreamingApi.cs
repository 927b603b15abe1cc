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

    /// <summary>Starts a download job; the answer carries the job's token, which following it takes.</summary>
    [Post("/api/v2/downloads")]
    Task<DownloadJob> StartDownloadAsync([Body] DownloadRequest request, CancellationToken cancellationToken = default);

    [Get("/api/v2/downloads/{id}")]
    Task<DownloadJob> GetDownloadAsync(string id, [Header("X-Download-Token")] string token, CancellationToken cancellationToken = default);

    /// <summary>Cancels the job and removes its file.</summary>
    [Delete("/api/v2/downloads/{id}")]
    Task DeleteDownloadAsync(string id, [Header("X-Download-Token")] string token, CancellationToken cancellationToken = default);
}
