using Microsoft.Extensions.Options;
using VideoPlatform.Streaming.Dash;
using VideoPlatform.Streaming.Hls;
using VideoPlatform.Streaming.Metrics;
using VideoPlatform.Streaming.Proxy;
using VideoPlatform.Streaming.Resolution;

namespace VideoPlatform.Streaming.Apis;

/// <summary>What the stream routes work with, taken by each handler as one parameter.</summary>
internal sealed record StreamServices(
    StreamResolver Resolver,
    MediaProxy Proxy,
    SegmentServer Segments,
    DashManifestWriter Dash,
    MediaHostPolicy Hosts,
    IOptions<StreamingOptions> Options,
    StreamMetricsCollector Metrics,
    HttpContext Context);
