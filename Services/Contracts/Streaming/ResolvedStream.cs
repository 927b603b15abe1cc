using VideoPlatform.Contracts.Metadata;

namespace VideoPlatform.Contracts.Streaming;

/// <summary>
/// Answer of <c>GET /api/v2/stream/direct/{platform}/{videoId}</c>: the format chosen for a
/// request and where a player can fetch it.
/// </summary>
public sealed record ResolvedStream
{
    public required string Platform { get; init; }
    public required string VideoId { get; init; }
    /// <summary>The upstream (CDN) URL of the chosen format; plays without our proxy unless <see cref="RequiresProxy"/>.</summary>
    public required string StreamUrl { get; init; }
    public DateTimeOffset? ExpiresAt { get; init; }
    public required VideoFormat Format { get; init; }
    /// <summary>True when the CDN needs headers a player cannot send (BiliBili's Referer) or the format is adaptive-only.</summary>
    public bool RequiresProxy { get; init; }
    /// <summary>
    /// True when the viewer's country (the request's <c>country</c>) is one whose viewers cannot
    /// reach the CDN (<c>Streaming:ProxyCountries</c>): they get <see cref="ProxyPath"/>'s bytes.
    /// </summary>
    public bool ProxyForViewer { get; init; }
    /// <summary>Path on the streaming service that proxies this stream, e.g. <c>/api/v2/stream/proxy/youtube/{id}?quality=720p</c>.</summary>
    public string? ProxyPath { get; init; }
    /// <summary>Path on the streaming service of an HLS playlist for this video, when one can be served.</summary>
    public string? HlsPath { get; init; }
    public string? Title { get; init; }
    public double? Duration { get; init; }
}
