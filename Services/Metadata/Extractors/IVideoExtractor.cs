using VideoPlatform.Contracts.Metadata;

namespace VideoPlatform.Metadata.Extractors;

/// <summary>
/// One platform's extraction. Each platform implements this and registers itself as an
/// <see cref="IVideoExtractor"/> singleton; the APIs find it through <see cref="ExtractorRegistry"/>.
/// Optional capabilities (captions, playlists, search) are separate interfaces.
/// </summary>
public interface IVideoExtractor
{
    /// <summary>The platform, its hosts and what it supports.</summary>
    PlatformInfo Platform { get; }

    /// <summary>Recognises a URL of this platform without any upstream call.</summary>
    bool TryResolve(Uri url, out ResolvedUrl resolved);

    /// <summary>True when <paramref name="videoId"/> is well formed for this platform.</summary>
    bool IsValidVideoId(string videoId);

    /// <summary>
    /// Whether a bare video id pasted where a URL is expected is taken as this platform's (one
    /// platform claims them: YouTube's, as the seed's clients sent them).
    /// </summary>
    bool ClaimsBareVideoIds => false;

    Task<VideoInfo> GetVideoAsync(string videoId, CancellationToken cancellationToken);

    Task<FormatList> GetFormatsAsync(string videoId, CancellationToken cancellationToken);
}
