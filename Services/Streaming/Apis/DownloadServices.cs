using VideoPlatform.Streaming.Downloads;
using VideoPlatform.Streaming.Metrics;

namespace VideoPlatform.Streaming.Apis;

/// <summary>What the download routes work with, taken by each handler as one parameter.</summary>
internal sealed record DownloadServices(
    DownloadStore Store,
    DownloadWorker Worker,
    DownloadAccess Access,
    StreamMetricsCollector Metrics,
    TimeProvider Time,
    HttpContext Context);
