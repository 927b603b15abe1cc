using VideoPlatform.Contracts;
using VideoPlatform.Contracts.Metadata;
using VideoPlatform.Streaming.Hls;
using VideoPlatform.Streaming.Resolution;
using VideoPlatform.Streaming.Selection;

namespace VideoPlatform.Streaming.Dash;

/// <summary>
/// A video's DASH manifest as this service answers it: the adaptive formats the media-host policy
/// admits at the asked quality, every file addressed through a segment token this service signed.
/// </summary>
public sealed class DashManifestWriter(StreamResolver resolver, SegmentTokens tokens)
{
    public async Task<string> WriteAsync(string platform, string videoId, string? quality, CancellationToken cancellationToken)
    {
        var formats = await resolver.GetFormatsAsync(platform, videoId, fresh: false, cancellationToken);
        var playable = resolver.Playable(formats);
        var adaptive = DashManifest.AdaptiveFormats(playable, FormatSelector.HeightCap(quality), audioOnly: FormatSelector.IsAudioOnly(quality));
        if (adaptive.Count == 0)
        {
            throw new ProblemException(ErrorCodes.NoMatchingFormat, DashManifest.AdaptiveFormats(playable).Count > 0
                ? $"{platform}/{videoId} has no adaptive formats for quality '{quality}'; ask for another quality."
                : $"{platform}/{videoId} offers no adaptive formats to describe in DASH; use mode=hls, proxy or redirect.");
        }
        // Each file's token names its format too, so it outlives the URL: a player may play a
        // static manifest for hours, and a URL that expired or is refused meanwhile is resolved again.
        return DashManifest.Write(formats, adaptive, format =>
            $"{PlaylistRewriter.SegmentPath}/s.{ExtensionOf(format)}?token={tokens.Sign(MediaFile.Of(platform, videoId, format), new Uri(format.Url), format.HttpHeaders, formats.ExpiresAt)}");
    }

    private static string ExtensionOf(VideoFormat format) => DashManifest.MimeTypeOf(format) switch
    {
        "audio/mp4" => "m4a",
        { } mime => mime[(mime.IndexOf('/') + 1)..],
        null => "mp4",
    };
}
