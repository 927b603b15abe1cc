using Refit;

namespace VideoPlatform.Contracts.Metadata;

/// <summary>
/// The metadata service, as its callers (streaming, legacy) see it. Base address
/// <c>https+http://metadata</c>, resolved by service discovery.
/// </summary>
public interface IMetadataApi
{
    [Get("/api/v2/platforms")]
    Task<PlatformList> GetPlatformsAsync(CancellationToken cancellationToken = default);

    [Get("/api/v2/videos/{platform}/{videoId}")]
    Task<VideoInfo> GetVideoAsync(string platform, string videoId, CancellationToken cancellationToken = default);

    [Get("/api/v2/videos/{platform}/{videoId}/formats")]
    Task<FormatList> GetFormatsAsync(string platform, string videoId, CancellationToken cancellationToken = default);

    /// <summary>The formats extracted again unless the held ones are younger than metadata's <c>Metadata:Cache:RefreshAfter</c>: for a URL the CDN refused.</summary>
    [Get("/api/v2/videos/{platform}/{videoId}/formats?fresh=true")]
    Task<FormatList> GetFreshFormatsAsync(string platform, string videoId, CancellationToken cancellationToken = default);

    [Get("/api/v2/resolve")]
    Task<ResolvedUrl> ResolveAsync([AliasAs("url")] string url, CancellationToken cancellationToken = default);
}
