using VideoPlatform.Legacy.Upstream;

namespace VideoPlatform.Legacy.Forwarding;

/// <summary>Streaming's routes that legacy forwards to unchanged.</summary>
internal static class StreamingPaths
{
    public static string Proxy(LocatedVideo video) => $"/api/v2/stream/proxy/{Escaped(video)}";

    /// <summary>The embeddable page is streaming's; legacy's embed routes are where the old clients ask for it.</summary>
    public static string Embed(LocatedVideo video) => $"/api/v2/stream/embed/{Escaped(video)}";

    public const string Batch = "/api/v2/stream/batch";

    public const string CacheStats = "/api/v2/stream/cache/stats";

    private static string Escaped(LocatedVideo video) => $"{Uri.EscapeDataString(video.Platform)}/{Uri.EscapeDataString(video.VideoId)}";
}
