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
            throw new ProblemException(ErrorCodes.UnsupportedPlatform, "The platform must be a name such as 'youtube'; see the metadata service's /api/v2/platforms.");
        }
        if (!VideoId().IsMatch(videoId))
        {
            throw new ProblemException(ErrorCodes.InvalidVideoId, "The video id may only contain letters, digits, '-' and '_' (at most 64).");
        }
        if (query.Quality is { } quality && !FormatSelector.Qualities.Contains(quality.Trim().ToLowerInvariant()))
        {
            throw new ProblemException(ErrorCodes.InvalidRequest, $"Unknown quality. Use one of: {string.Join(", ", FormatSelector.Qualities)}.");
        }
        if (query.Mode is { } mode && !Modes.Contains(mode.ToLowerInvariant()))
        {
            throw new ProblemException(ErrorCodes.InvalidRequest, $"Unknown mode. Use one of: {string.Join(", ", Modes)}.");
        }
        if (query.Player is { } player && !Players.Contains(player.ToLowerInvariant()))
        {
            throw new ProblemException(ErrorCodes.InvalidRequest, $"Unknown player. Use one of: {string.Join(", ", Players)}.");
        }
        if (query.Country is { } country && !Country().IsMatch(country))
        {
            throw new ProblemException(ErrorCodes.InvalidRequest, "The country must be a two-letter ISO code such as 'CN'.");
        }
        ValidateFormat(query.Format);
        if (query.Filename is { Length: > 200 })
        {
            throw new ProblemException(ErrorCodes.InvalidRequest, "The file name is longer than 200 characters.");
        }
    }

    /// <summary>Parses a format expression now, so that a bad one is a 400 naming its position before any upstream call.</summary>
    public static void ValidateFormat(string? format)
    {
        try
        {
            if (format is not null)
            {
                SelectorParser.Parse(format);
            }
        }
        catch (SelectorException ex)
        {
            throw ex.ToProblem();
        }
    }

    [GeneratedRegex("^[a-z]{2,20}$")]
    private static partial Regex Platform();

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex VideoId();

    [GeneratedRegex("^[A-Za-z]{2}$")]
    private static partial Regex Country();
}
