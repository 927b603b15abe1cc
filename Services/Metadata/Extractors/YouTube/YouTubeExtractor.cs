using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using VideoPlatform.Contracts;
using VideoPlatform.Contracts.Metadata;

namespace VideoPlatform.Metadata.Extractors.YouTube;

/// <summary>
/// YouTube through our own InnerTube client: asks the configured clients in order, takes the
/// first that plays the video, and takes from the muxed-only client (asked alongside the first)
/// the progressive format (itag 18) that players without adaptive support need. Playability becomes the platform's
/// error codes; a client-specific refusal moves on to the next client.
/// </summary>
public sealed partial class YouTubeExtractor(
    InnerTubeClient innerTube,
    YouTubePlayerScripts playerScripts,
    YouTubeWatchNext watchNext,
    IOptions<YouTubeOptions> options,
    TimeProvider time,
    ILogger<YouTubeExtractor> logger) : IVideoExtractor
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
        };
    }

    public async Task<FormatList> GetFormatsAsync(string videoId, CancellationToken cancellationToken) =>
        (await ExtractAsync(videoId, cancellationToken)).ToFormatList();

    private async Task<VideoInfo> ExtractAsync(string videoId, CancellationToken cancellationToken)
    {
        var clients = options.Value.EffectiveClients;
        // The first client is asked before anything else: its answer is the one always needed.
        var first = clients.Count > 0 && clients[0] is { MuxedOnly: false, NeedsPlayerJs: false } firstClient
            ? new EarlyCall(firstClient, innerTube.GetPlayerAsync(videoId, firstClient, null, cancellationToken))
            : null;
        using var unneeded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var early = AskMuxedClientEarly(clients, videoId, unneeded.Token);
        try
        {
            return await ExtractAsync(videoId, clients, [first, early], cancellationToken);
        }
        finally
        {
            // Unused when the video turned out dead or the first client had a muxed format itself.
            await unneeded.CancelAsync();
        }
    }

    /// <summary>
    /// The full clients return adaptive formats only, so the muxed-only client is needed for almost
    /// every video: it is asked at once, beside the first full client, instead of a round trip
    /// later. Its answer is used only if the chain reaches it. Not for a client that needs the
    /// player (its signature timestamp is not known yet), nor when configured off.
    /// </summary>
    private EarlyCall? AskMuxedClientEarly(IReadOnlyList<InnerTubeClientProfile> clients, string videoId, CancellationToken cancellationToken)
    {
        if (!options.Value.AskMuxedClientEarly || clients.Count == 0 || clients[0].MuxedOnly
            || clients.FirstOrDefault(c => c.MuxedOnly) is not { NeedsPlayerJs: false } client)
        {
            return null;
        }
        var response = innerTube.GetPlayerAsync(videoId, client, null, cancellationToken);
        // Observed even when the chain never reaches it.
        _ = response.ContinueWith(static t => _ = t.Exception, CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return new EarlyCall(client, response);
    }

    private sealed record EarlyCall(InnerTubeClientProfile Client, Task<JsonObject> Response);

    /// <param name="started">Calls already under way (either may be null): a client found here is not asked again.</param>
    private async Task<VideoInfo> ExtractAsync(string videoId,
        IReadOnlyList<InnerTubeClientProfile> clients, EarlyCall?[] started, CancellationToken cancellationToken)
    {
        JsonObject? primary = null;
        var primaryNeedsPlayer = false;
        var formats = new List<VideoFormat>();
        PlatformException? lastError = null;

        foreach (var client in clients)
        {
            // Until a client plays the video, ask the full clients; afterwards only the muxed-only
            // ones, and only while no muxed format has been found.
            if (primary is null ? client.MuxedOnly : !client.MuxedOnly || formats.Any(f => f.HasVideo && f.HasAudio))
            {
                continue;
            }

            JsonObject response;
            try
            {
                // A client that needs the player is told the player's signature timestamp, so
                // that YouTube scrambles for the player we will decipher with.
                if (Array.Find(started, call => ReferenceEquals(call?.Client, client)) is { } call)
                {
                    response = await call.Response.WaitAsync(cancellationToken);
                }
                else
                {
                    var sts = client.NeedsPlayerJs ? (await playerScripts.GetAsync(videoId, cancellationToken)).SignatureTimestamp : null;
                    response = await innerTube.GetPlayerAsync(videoId, client, sts, cancellationToken);
                }
            }
            catch (PlatformException ex) when (ex.Code is ErrorCodes.UpstreamUnavailable)
            {
                LogClientFailed(logger, client.Name, videoId, ex.Message);
                lastError ??= ex;
                continue;
            }

            if (PlayerResponse.CheckPlayability(response, videoId) is { } refusal)
            {
                LogClientRefused(logger, client.Name, videoId, refusal.Error.Code);
                if (primary is null)
                {
                    lastError = Preferred(lastError, refusal.Error);
                    if (!refusal.TryAnotherClient)
                    {
                        throw refusal.Error;
                    }
                }
                continue;
            }

            var nodes = PlayerResponse.FormatNodes(response).Where(f => primary is null || PlayerResponse.IsMuxed(f)).ToList();
            List<VideoFormat> found;
            try
            {
                found = PlayerResponse.Formats(await StreamUrlDecipherer.ResolveAsync(nodes, client.NeedsPlayerJs,
                    token => playerScripts.GetAsync(videoId, token), cancellationToken));
            }
            catch (PlatformException ex) when (ex.Code is ErrorCodes.UpstreamUnavailable)
            {
                // The video plays, but its URLs cannot be made to work: that, not an earlier
                // client's refusal, is what the caller should hear.
                LogClientFailed(logger, client.Name, videoId, ex.Message);
                if (primary is null)
                {
                    lastError = ex;
                }
                continue;
            }

            if (primary is null)
            {
                primary = response;
                primaryNeedsPlayer = client.NeedsPlayerJs;
                formats.AddRange(found);
            }
            else
            {
                formats.AddRange(found.Where(f => f.HasVideo && f.HasAudio && formats.All(known => known.FormatId != f.FormatId)));
            }
        }

        if (primary is null)
        {
            throw lastError ?? new PlatformException(ErrorCodes.UpstreamUnavailable, "No YouTube client is configured.");
        }

        string? hls, dash;
        try
        {
            hls = await StreamUrlDecipherer.ResolveManifestAsync(PlayerResponse.HlsManifestUrl(primary), primaryNeedsPlayer,
                token => playerScripts.GetAsync(videoId, token), cancellationToken);
            dash = await StreamUrlDecipherer.ResolveManifestAsync(PlayerResponse.DashManifestUrl(primary), primaryNeedsPlayer,
                token => playerScripts.GetAsync(videoId, token), cancellationToken);
        }
        catch (PlatformException ex) when (ex.Code is ErrorCodes.UpstreamUnavailable && formats.Count > 0)
        {
            // The formats work; manifests whose n could not be solved are left out, not handed on broken.
            LogClientFailed(logger, "manifests", videoId, ex.Message);
            (hls, dash) = (null, null);
        }
        if (formats.Count == 0 && hls is null && dash is null)
        {
            throw new PlatformException(ErrorCodes.UpstreamUnavailable,
                "YouTube returned this video without a single directly playable format (all need the player's JavaScript or a PO token).");
        }

        var ordered = formats
            .OrderByDescending(f => f.HasVideo && f.HasAudio)
            .ThenByDescending(f => f.Height ?? 0)
            .ThenByDescending(f => f.Bitrate ?? 0)
            .ToList();
        return PlayerResponse.Describe(videoId, primary, ordered, PlayerResponse.ExpiresAt(primary, ordered, time.GetUtcNow())) with
        {
            HlsManifestUrl = hls,
            DashManifestUrl = dash,
        };
    }

    private static bool Retryable(PlatformException error) => error.Code is ErrorCodes.UpstreamUnavailable or ErrorCodes.UpstreamThrottled;

    /// <summary>Of two refusals, the one that says more about the video than about the client.</summary>
    private static PlatformException Preferred(PlatformException? earlier, PlatformException later) =>
        earlier is null || earlier.Code is ErrorCodes.UpstreamUnavailable || (earlier.Code == ErrorCodes.VideoUnavailable && later.Code != ErrorCodes.UpstreamUnavailable)
            ? later
            : earlier;

    [LoggerMessage(Level = LogLevel.Information, Message = "YouTube client {Client} refused {VideoId}: {Code}")]
    private static partial void LogClientRefused(ILogger logger, string client, string videoId, string code);

    [LoggerMessage(Level = LogLevel.Warning, Message = "YouTube client {Client} failed for {VideoId}: {Reason}")]
    private static partial void LogClientFailed(ILogger logger, string client, string videoId, string reason);
}
