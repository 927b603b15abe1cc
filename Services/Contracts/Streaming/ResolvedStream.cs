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
    /// <summary>
    /// What was chosen, for players that take one URL: <c>progressive</c> (one file with video and
    /// sound), <c>hls</c> (the platform's HLS master playlist: a live stream, or a video with no
    /// muxed MP4 to be had without a PO token, given to HLS-capable players such as AVPro), or
    /// <c>adaptive</c> (a video-only or audio-only file, when the request asked for one).
    /// </summary>
    public string Delivery { get; init; } = "progressive";
    public string? Title { get; init; }
    public double? Duration { get; init; }
}
