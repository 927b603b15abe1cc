using VideoPlatform.Contracts;

namespace VideoPlatform.Metadata.Extractors.YouTube;

/// <summary>
/// The current player's signature timestamp, which a client that needs the player sends so that
/// YouTube scrambles its URLs for that player. Read from the player scripts; when the player
/// cannot be had, the client is asked without it (its plain URLs still serve, and what needed the
/// player fails where it is deciphered, with the reason).
/// </summary>
public sealed partial class YouTubeSignatureTimestamps(YouTubePlayerScripts playerScripts, ILogger<YouTubeSignatureTimestamps> logger)
{
    public async Task<int?> GetAsync(string videoId, CancellationToken cancellationToken)
    {
        try
        {
            return await playerScripts.GetSignatureTimestampAsync(videoId, cancellationToken);
        }
        catch (ProblemException ex) when (ex.Code is ErrorCodes.UpstreamUnavailable)
        {
            LogNoTimestamp(logger, videoId, ex.Message);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No signature timestamp for {VideoId}: {Reason}; asking without one")]
    private static partial void LogNoTimestamp(ILogger logger, string videoId, string reason);
}
