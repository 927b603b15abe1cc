namespace VideoPlatform.Contracts.Metadata;

/// <summary>A platform the metadata service can extract from.</summary>
/// <param name="Name">Route value used in <c>/api/v2/videos/{platform}/…</c>, e.g. <c>youtube</c>.</param>
/// <param name="DisplayName">Human name, e.g. <c>YouTube</c>.</param>
/// <param name="Hosts">Hosts whose URLs are recognised.</param>
/// <param name="UrlPatterns">Example URL forms users paste.</param>
/// <param name="Features">What is supported: <c>info</c>, <c>formats</c>, <c>captions</c>, <c>playlists</c>, <c>search</c>, …</param>
/// <param name="Status"><c>supported</c>, or <c>planned</c> for platforms not extracted yet.</param>
public sealed record PlatformInfo(
    string Name,
    string DisplayName,
    IReadOnlyList<string> Hosts,
    IReadOnlyList<string> UrlPatterns,
    IReadOnlyList<string> Features,
    string Status);

/// <summary>Answer of <c>GET /api/v2/platforms</c>.</summary>
public sealed record PlatformList(IReadOnlyList<PlatformInfo> Platforms);
