using VideoPlatform.Contracts.Metadata;

namespace VideoPlatform.Metadata.Captions;

/// <summary>
/// An extractor whose caption tracks are not YouTube's timed text reads them itself; the captions
/// API asks it for the cues of one of the tracks it listed in <see cref="VideoInfo.Captions"/>.
/// </summary>
public interface ICaptionReader
{
    Task<IReadOnlyList<CaptionCue>> ReadCuesAsync(CaptionTrack track, CancellationToken cancellationToken);
}
