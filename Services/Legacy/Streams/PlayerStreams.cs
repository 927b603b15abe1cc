using Microsoft.Extensions.Hosting.Security;
using VideoPlatform.Contracts;
using VideoPlatform.Contracts.Streaming;
using VideoPlatform.Legacy.Upstream;
using VideoPlatform.Legacy.Vrchat;

namespace VideoPlatform.Legacy.Streams;

/// <summary>
/// Turns a legacy stream request into the one URL a player should load, from streaming's
/// direct route: the CDN URL when it plays as is (a 302 to googlevideo is what public VRChat
/// worlds allow), otherwise streaming's proxied or HLS output on its public address.
/// </summary>
internal sealed class PlayerStreams(IServiceProvider services, StreamingPublicAddress streamingAddress, DeadVideos deadVideos, RecentStreams recent)
{
    // Resolved when streaming is asked, not with every request: most answers are kept ones, and
    // resolving the typed client builds an HttpClient and its handler chain each time.
    private IStreamingApi Streaming => services.GetRequiredService<IStreamingApi>();

    public async ValueTask<ResolvedStream> ResolveAsync(LocatedVideo video, string quality, PlayerKind player, string? country, CancellationToken cancellationToken) =>
        (await ResolveKeptAsync(video, quality, player, country, cancellationToken)).Stream;

    /// <summary>As <see cref="ResolveAsync"/>, saying whether the stream was kept from an earlier request.</summary>
    public async ValueTask<(ResolvedStream Stream, bool Kept)> ResolveKeptAsync(
        LocatedVideo video, string quality, PlayerKind player, string? country, CancellationToken cancellationToken)
    {
        deadVideos.ThrowIfKnownDead(video);
        var playerName = PlayerDetector.NameOf(player);
        try
        {
            return await recent.ResolveAsync(video, $"{quality}:{playerName}:{country}", (Streams: this, video, quality, playerName, country),
                static async (s, token) => Redirectable(await s.Streams.Streaming.GetDirectAsync(s.video.Platform, s.video.VideoId,
                    new StreamRequest { Quality = s.quality, Player = s.playerName, Country = s.country }, token)),
                cancellationToken);
        }
        catch (Refit.ApiException ex)
        {
            deadVideos.Remember(video, ex);
            throw;
        }
    }

    /// <summary>
    /// Forgets what is kept of one video's streams (and that it was dead), of a platform's, or all:
    /// the next load resolves afresh.
    /// </summary>
    public async Task ForgetAsync(string? platform, string? videoId, CancellationToken cancellationToken)
    {
        await recent.ForgetAsync(platform, videoId, cancellationToken);
        if (platform is not null && videoId is not null)
        {
            deadVideos.Forget(new LocatedVideo(platform, videoId));
        }
    }

    /// <summary>The URL to hand the player: the CDN, or streaming's proxy/HLS when the CDN alone cannot play.</summary>
    public string PlayableUrl(ResolvedStream stream, PlayerKind player, string quality)
    {
        if (!stream.RequiresProxy)
        {
            return stream.StreamUrl;
        }
        // AVPro plays HLS, which is the only form a live stream has; Unity's player needs a
        // progressive file, which streaming's proxy serves (with BiliBili's Referer added).
        var live = stream.Format.Protocol is "hls" || stream.Format.Ext == "m3u8";
        var path = player == PlayerKind.AvPro && live && stream.HlsPath is not null
            ? stream.HlsPath
            : stream.ProxyPath ?? stream.HlsPath ?? ProxyPath(new LocatedVideo(stream.Platform, stream.VideoId), quality, player);
        return streamingAddress.For(path);
    }

    /// <summary>
    /// A stream as streaming resolved it, once its CDN URL has passed the rule every service's
    /// redirects pass (<see cref="RedirectTargets"/>): an http(s) URL, no user info, never a
    /// link-local address. Which hosts and which private addresses are media hosts is streaming's
    /// to judge (its allow-list and <c>Streaming:AllowPrivateAddresses</c>); what it hands on has
    /// passed them. Checked when resolved, before it is kept, so that a kept stream's URL is
    /// redirected to as it is: parsing it again on every load was a tenth of a player redirect's work.
    /// A stream that goes through the proxy is never redirected to its CDN URL.
    /// </summary>
    private static ResolvedStream Redirectable(ResolvedStream stream) =>
        stream.RequiresProxy || RedirectTargets.IsAcceptable(stream.StreamUrl, allowPrivate: true)
            ? stream
            : throw new ProblemException(ErrorCodes.UpstreamUnavailable, "The platform's media URL is not one this service redirects to.");

    /// <summary>Streaming's proxy route for a video, on its public address.</summary>
    public string ProxyUrl(LocatedVideo video, string quality, PlayerKind player, string? downloadName = null) =>
        streamingAddress.For(ProxyPath(video, quality, player, downloadName));

    public static string ProxyPath(LocatedVideo video, string quality, PlayerKind player, string? downloadName = null)
    {
        var query = QueryString.Create("quality", quality).Add("player", PlayerDetector.NameOf(player));
        if (downloadName is not null)
        {
            query = query.Add("download", "true").Add("filename", downloadName);
        }
        return $"/api/v2/stream/proxy/{Uri.EscapeDataString(video.Platform)}/{Uri.EscapeDataString(video.VideoId)}{query}";
    }
}
