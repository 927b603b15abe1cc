using VideoPlatform.Contracts.Metadata;
using VideoPlatform.Metadata.Captions;

namespace VideoPlatform.Metadata.Extractors.YouTube;

/// <summary>
/// YouTube through our own InnerTube clients (<see cref="YouTubeClientChain"/>), with the like count
/// and upload date of the watch page read alongside, and its captions' timed text.
/// </summary>
public sealed class YouTubeExtractor(YouTubeClientChain chain, YouTubeWatchNext watchNext, YouTubeTimedText timedText) : IVideoExtractor, ICaptionReader
{
    public PlatformInfo Platform { get; } = new(
        "youtube", "YouTube",
        ["youtube.com", "www.youtube.com", "m.youtube.com", "music.youtube.com", "youtu.be", "youtube-nocookie.com"],
        ["https://www.youtube.com/watch?v={id}", "https://youtu.be/{id}", "https://www.youtube.com/shorts/{id}",
         "https://www.youtube.com/embed/{id}", "https://www.youtube.com/live/{id}", "https://music.youtube.com/watch?v={id}", "{id}"],
        ["info", "formats", "captions", "hls", "dash"],
        "supported");

    public bool TryResolve(Uri url, out ResolvedUrl resolved) => YouTubeIds.TryResolve(url, out resolved);

    public bool IsValidVideoId(string videoId) => YouTubeIds.IsVideoId(videoId);

    public bool ClaimsBareVideoIds => true;

    public async Task<VideoInfo> GetVideoAsync(string videoId, CancellationToken cancellationToken)
    {
        // The watch page is read alongside the player calls, so that it costs no added latency
        // (asked after them: the player calls are what the answer waits for); a video that turns
        // out dead cancels it.
        var extraction = ExtractAsync(videoId, cancellationToken);
        using var abandon = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var page = watchNext.GetAsync(videoId, abandon.Token);
        VideoInfo info;
        try
        {
            info = await extraction;
        }
        catch
        {
            await abandon.CancelAsync();
            await ((Task)page).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            throw;
        }
        var details = await page;
        return details is null ? info : info with
        {
            LikeCount = details.LikeCount ?? info.LikeCount,
            UploadDate = info.UploadDate ?? details.UploadDate,
            Category = info.Category ?? details.Category,
            ViewCount = info.ViewCount ?? details.ViewCount,
        };
    }

    public async Task<FormatList> GetFormatsAsync(string videoId, CancellationToken cancellationToken) =>
        (await ExtractAsync(videoId, cancellationToken)).ToFormatList();

    public Task<IReadOnlyList<CaptionCue>> ReadCuesAsync(CaptionTrack track, CancellationToken cancellationToken) =>
        timedText.ReadCuesAsync(track, cancellationToken);

    private Task<VideoInfo> ExtractAsync(string videoId, CancellationToken cancellationToken) => chain.ExtractAsync(videoId, cancellationToken);
}
