using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using VideoPlatform.Contracts;
using VideoPlatform.Contracts.Metadata;

namespace VideoPlatform.Metadata.Extractors.YouTube;

/// <summary>
/// Asks the configured InnerTube clients in order until one plays the video, then the muxed-only
/// ones for the progressive format the first lacked. Each client's policy decides what it may
/// hand out: formats of a protocol that needs a PO token are kept only with a token, and a client
/// with nothing to offer without one is not asked. A refusal that may be one client's (an age gate,
/// a bot check, a reload, a made-for-kids UNPLAYABLE or ERROR) moves on to the next client able to
/// serve the video; only what every client asked agrees on is the answer, and a client that played
/// the video but whose URLs could not be made to work is reported as such, not as a dead video.
/// </summary>
public sealed partial class YouTubeClientChain(
    InnerTubeClient innerTube,
    YouTubePlayerScripts playerScripts,
    YouTubeSignatureTimestamps timestamps,
    YouTubeVisitorData visitorData,
    YouTubePoTokens poTokens,
    IOptions<YouTubeOptions> options,
    TimeProvider time,
    ILogger<YouTubeClientChain> logger)
{
    public async Task<VideoInfo> ExtractAsync(string videoId, CancellationToken cancellationToken)
    {
        var clients = options.Value.EffectiveClients;
        using var unneeded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // The first client's answer is always needed; the muxed-only client's almost always (the
        // full clients return adaptive formats only), so it is asked beside the first rather than
        // a round trip later, unless configured off. Neither is started for a client that needs the
        // player (its signature timestamp comes first).
        var first = clients.Count > 0 && clients[0] is { MuxedOnly: false, NeedsPlayerJs: false } firstClient
            ? Start(videoId, firstClient, cancellationToken)
            : null;
        var early = options.Value.AskMuxedClientEarly && clients.Count > 0 && !clients[0].MuxedOnly
                    && clients.FirstOrDefault(c => c.MuxedOnly) is { NeedsPlayerJs: false } muxed
            ? Start(videoId, muxed, unneeded.Token)
            : null;
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

    private StartedCall Start(string videoId, InnerTubeClientProfile client, CancellationToken cancellationToken)
    {
        var answer = AskAsync(videoId, client, cancellationToken);
        // Observed even when the chain never reaches it.
        _ = answer.ContinueWith(static t => _ = t.Exception, CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return new StartedCall(client, answer);
    }

    /// <summary>One client's player answer, with the PO token it was asked with; null when its policy leaves it nothing to offer.</summary>
    private async Task<ClientAnswer?> AskAsync(string videoId, InnerTubeClientProfile client, CancellationToken cancellationToken)
    {
        var token = client.PoTokenProtocols.Count > 0 ? await poTokens.GetAsync(videoId, cancellationToken) : null;
        if (!client.OffersAnythingWithout(token is not null))
        {
            return null;
        }
        var sts = client.NeedsPlayerJs ? await timestamps.GetAsync(videoId, cancellationToken) : null;
        var visitor = await visitorData.GetAsync(client, cancellationToken);
        var response = await innerTube.GetPlayerAsync(videoId, client, new PlayerCall(sts, visitor, token), cancellationToken);
        return new ClientAnswer(response, token);
    }

    private sealed record StartedCall(InnerTubeClientProfile Client, Task<ClientAnswer?> Answer);

    private sealed record ClientAnswer(JsonObject Response, string? PoToken);

    /// <summary>What one client that played the video offers: its formats and manifests, URLs working.</summary>
    private sealed record Offer(List<VideoFormat> Formats, string? Hls, string? Dash);

    private async Task<VideoInfo> ExtractAsync(string videoId, IReadOnlyList<InnerTubeClientProfile> clients,
        StartedCall?[] started, CancellationToken cancellationToken)
    {
        JsonObject? primary = null;
        Offer? primaryOffer = null;
        var formats = new List<VideoFormat>();
        ProblemException? refusal = null;
        ProblemException? failure = null;
        var madeForKidsOnly = false;

        foreach (var client in clients)
        {
            // Until a client plays the video, ask the full clients; afterwards only the muxed-only
            // ones, and only while no muxed format has been found.
            if (primary is null ? client.MuxedOnly : !client.MuxedOnly || formats.Any(f => f.HasVideo && f.HasAudio))
            {
                continue;
            }
            if (primary is null && madeForKidsOnly && !client.ServesMadeForKids)
            {
                LogClientPassedOver(logger, client.Name, videoId, "it does not serve made-for-kids videos");
                continue;
            }

            ClientAnswer? answer;
            try
            {
                answer = Array.Find(started, call => ReferenceEquals(call?.Client, client)) is { } call
                    ? await call.Answer.WaitAsync(cancellationToken)
                    : await AskAsync(videoId, client, cancellationToken);
            }
            catch (ProblemException ex) when (ex.Code is ErrorCodes.UpstreamUnavailable)
            {
                LogClientFailed(logger, client.Name, videoId, ex.Message);
                failure = primary is null ? ex : failure;
                continue;
            }
            if (answer is null)
            {
                LogClientPassedOver(logger, client.Name, videoId, "its media need a PO token and none could be had");
                continue;
            }

            if (PlayerResponse.CheckPlayability(answer.Response, videoId) is { } refused)
            {
                LogClientRefused(logger, client.Name, videoId, refused.Error.Code);
                if (primary is null)
                {
                    if (!refused.TryAnotherClient)
                    {
                        throw refused.Error;
                    }
                    refusal = Preferred(refusal, refused.Error);
                    madeForKidsOnly |= refused.MayBeMadeForKids && !client.ServesMadeForKids;
                }
                continue;
            }

            Offer offer;
            try
            {
                offer = await OfferAsync(videoId, client, answer, muxedOnly: primary is not null, cancellationToken);
            }
            catch (ProblemException ex) when (ex.Code is ErrorCodes.UpstreamUnavailable)
            {
                // The video plays, but this client's URLs cannot be made to work: that, not an
                // earlier client's refusal, is what the caller should hear if no other client serves.
                LogClientFailed(logger, client.Name, videoId, ex.Message);
                failure = primary is null ? ex : failure;
                continue;
            }

            if (primary is null)
            {
                if (offer.Formats.Count == 0 && offer.Hls is null && offer.Dash is null)
                {
                    failure = new ProblemException(ErrorCodes.UpstreamUnavailable,
                        $"YouTube's {client.Name} client plays this video but offers no format that works without what this server lacks (a PO token or the player).");
                    LogClientFailed(logger, client.Name, videoId, failure.Message);
                    continue;
                }
                primary = answer.Response;
                primaryOffer = offer;
                formats.AddRange(offer.Formats);
            }
            else
            {
                formats.AddRange(offer.Formats.Where(f => f.HasVideo && f.HasAudio && formats.All(known => known.FormatId != f.FormatId)));
            }
        }

        if (primary is null || primaryOffer is null)
        {
            throw failure ?? refusal ?? new ProblemException(ErrorCodes.UpstreamUnavailable,
                "No configured YouTube client can be used (their media need a PO token and no provider gave one).");
        }

        var ordered = formats
            .OrderByDescending(f => f.HasVideo && f.HasAudio)
            .ThenByDescending(f => f.Height ?? 0)
            .ThenByDescending(f => f.Bitrate ?? 0)
            .ToList();
        return PlayerResponse.Describe(videoId, primary, ordered, PlayerResponse.ExpiresAt(primary, ordered, time.GetUtcNow())) with
        {
            HlsManifestUrl = primaryOffer.Hls,
            DashManifestUrl = primaryOffer.Dash,
        };
    }

    /// <summary>
    /// A client's formats with working URLs (deciphered, the PO token added), only those of the
    /// protocols its policy lets it hand out; for a muxed-only ask, its muxed formats alone.
    /// </summary>
    private async Task<Offer> OfferAsync(string videoId, InnerTubeClientProfile client, ClientAnswer answer, bool muxedOnly,
        CancellationToken cancellationToken)
    {
        var token = answer.PoToken;
        var nodes = client.NeedsPoTokenFor("https") && token is null
            ? []
            : PlayerResponse.FormatNodes(answer.Response).Where(f => !muxedOnly || PlayerResponse.IsMuxed(f)).ToList();
        var found = PlayerResponse.Formats(await StreamUrlDecipherer.ResolveAsync(nodes, client.NeedsPlayerJs,
            cancellation => playerScripts.GetAsync(videoId, cancellation), cancellationToken));
        if (token is not null && client.NeedsPoTokenFor("https"))
        {
            found = found.Select(f => f with { Url = PoTokenUrls.File(f.Url, token) }).ToList();
        }
        if (muxedOnly)
        {
            return new Offer(found, null, null);
        }

        string? hls, dash;
        try
        {
            hls = await ManifestAsync(videoId, client, "hls", PlayerResponse.HlsManifestUrl(answer.Response), token, cancellationToken);
            dash = await ManifestAsync(videoId, client, "dash", PlayerResponse.DashManifestUrl(answer.Response), token, cancellationToken);
        }
        catch (ProblemException ex) when (ex.Code is ErrorCodes.UpstreamUnavailable && found.Count > 0)
        {
            // The formats work; manifests whose n could not be solved are left out, not handed on broken.
            LogClientFailed(logger, $"{client.Name} manifests", videoId, ex.Message);
            (hls, dash) = (null, null);
        }
        return new Offer(found, hls, dash);
    }

    private async Task<string?> ManifestAsync(string videoId, InnerTubeClientProfile client, string protocol, string? url, string? token,
        CancellationToken cancellationToken)
    {
        if (url is null || (client.NeedsPoTokenFor(protocol) && token is null))
        {
            return null;
        }
        var resolved = await StreamUrlDecipherer.ResolveManifestAsync(url, client.NeedsPlayerJs,
            cancellation => playerScripts.GetAsync(videoId, cancellation), cancellationToken);
        return resolved is not null && token is not null && client.NeedsPoTokenFor(protocol) ? PoTokenUrls.Manifest(resolved, token) : resolved;
    }

    /// <summary>Of two refusals, the one that says more about the video than about the client.</summary>
    private static ProblemException Preferred(ProblemException? earlier, ProblemException later) =>
        earlier is null || earlier.Code is ErrorCodes.UpstreamUnavailable || (earlier.Code == ErrorCodes.VideoUnavailable && later.Code != ErrorCodes.UpstreamUnavailable)
            ? later
            : earlier;

    [LoggerMessage(Level = LogLevel.Information, Message = "YouTube client {Client} refused {VideoId}: {Code}")]
    private static partial void LogClientRefused(ILogger logger, string client, string videoId, string code);

    [LoggerMessage(Level = LogLevel.Warning, Message = "YouTube client {Client} failed for {VideoId}: {Reason}")]
    private static partial void LogClientFailed(ILogger logger, string client, string videoId, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "YouTube client {Client} not asked for {VideoId}: {Reason}")]
    private static partial void LogClientPassedOver(ILogger logger, string client, string videoId, string reason);
}
