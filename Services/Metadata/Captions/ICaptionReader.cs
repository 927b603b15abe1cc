using VideoPlatform.Contracts.Metadata;

namespace VideoPlatform.Metadata.Captions;

/// <summary>
/// A platform's captions: its extractor implements this, and the captions API asks it for the cues
/// of one of the tracks it listed in <see cref="VideoInfo.Captions"/>.
/// </summary>
public interface ICaptionReader
{
    Task<IReadOnlyList<CaptionCue>> ReadCuesAsync(CaptionTrack track, CancellationToken cancellationToken);
}
