using System.Text.RegularExpressions;
using VideoPlatform.Contracts;
using VideoPlatform.Streaming.Selection;

namespace VideoPlatform.Streaming.Apis;

/// <summary>Checks a stream request before anything is asked of metadata or a CDN.</summary>
internal static partial class StreamInput
{
    private static readonly string[] Modes = ["redirect", "proxy", "json", "auto", "hls", "dash"];
    private static readonly string[] Players = ["avpro", "unity", "auto"];

    public static void Validate(string platform, string videoId, StreamQuery query)
    {
        if (!Platform().IsMatch(platform))
        {
            throw new StreamingException(ErrorCodes.UnsupportedPlatform, "The platform must be a name such as 'youtube'; see the metadata service's /api/v2/platforms.");
        }
        if (!VideoId().IsMatch(videoId))
        {
            throw new StreamingException(ErrorCodes.InvalidVideoId, "The video id may only contain letters, digits, '-' and '_' (at most 64).");
        }
        if (query.Quality is { } quality && !FormatSelector.Qualities.Contains(quality.Trim().ToLowerInvariant()))
        {
            throw new StreamingException(ErrorCodes.InvalidRequest, $"Unknown quality. Use one of: {string.Join(", ", FormatSelector.Qualities)}.");
        }
        if (query.Mode is { } mode && !Modes.Contains(mode.ToLowerInvariant()))
        {
            throw new StreamingException(ErrorCodes.InvalidRequest, $"Unknown mode. Use one of: {string.Join(", ", Modes)}.");
        }
        if (query.Player is { } player && !Players.Contains(player.ToLowerInvariant()))
        {
            throw new StreamingException(ErrorCodes.InvalidRequest, $"Unknown player. Use one of: {string.Join(", ", Players)}.");
        }
        if (query.Country is { } country && !Country().IsMatch(country))
        {
            throw new StreamingException(ErrorCodes.InvalidRequest, "The country must be a two-letter ISO code such as 'CN'.");
        }
        if (query.Format is { } format)
        {
            // Parsed now so that a bad expression is a 400 naming its position, before any upstream call.
            SelectorParser.Parse(format);
        }
        if (query.Filename is { Length: > 200 })
        {
            throw new StreamingException(ErrorCodes.InvalidRequest, "The file name is longer than 200 characters.");
        }
    }

    [GeneratedRegex("^[a-z]{2,20}$")]
    private static partial Regex Platform();

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex VideoId();

    [GeneratedRegex("^[A-Za-z]{2}$")]
    private static partial Regex Country();
}
