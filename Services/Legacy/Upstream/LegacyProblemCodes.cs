using VideoPlatform.Contracts;

namespace VideoPlatform.Legacy.Upstream;

/// <summary>
/// The codes legacy's routes can answer, by what a route does, for their OpenAPI descriptions
/// (<see cref="ProblemCodesConventions.ProducesProblems"/>).
/// </summary>
internal static class LegacyProblemCodes
{
    /// <summary>Metadata, streaming or the platform behind them down, throttled or refusing this server.</summary>
    public static readonly string[] Dependencies = [ErrorCodes.UpstreamUnavailable, ErrorCodes.UpstreamThrottled, ErrorCodes.UpstreamRefused];

    /// <summary>What the platform says about a video, passed on from metadata or streaming.</summary>
    private static readonly string[] Video =
    [
        ErrorCodes.VideoUnavailable, ErrorCodes.VideoPrivate, ErrorCodes.LoginRequired, ErrorCodes.AgeRestricted,
        ErrorCodes.GeoRestricted, ErrorCodes.MembersOnly, ErrorCodes.PaymentRequired, ErrorCodes.LiveStreamOffline,
    ];

    /// <summary>A pasted URL (<c>url=</c>, a body's <c>url</c>) that metadata must recognise.</summary>
    private static readonly string[] Url = [ErrorCodes.InvalidUrl, ErrorCodes.UnsupportedPlatform];

    /// <summary>A <c>{platform}/{videoId}</c> checked before use (<see cref="RouteValues"/>).</summary>
    public static readonly string[] Path = [ErrorCodes.UnsupportedPlatform, ErrorCodes.InvalidVideoId, ErrorCodes.InvalidRequest];

    /// <summary>A pasted URL answered with the video's details.</summary>
    public static readonly string[] UrlToVideo = [.. Url, .. Video, .. Dependencies];

    /// <summary>A pasted URL answered with a stream: the video's problems, or no format that fits.</summary>
    public static readonly string[] UrlToStream = [.. Url, .. Video, ErrorCodes.NoMatchingFormat, .. Dependencies];

    /// <summary>A <c>{platform}/{videoId}</c> answered with its details or a stream.</summary>
    public static readonly string[] PathToStream = [.. Path, .. Video, ErrorCodes.NoMatchingFormat, .. Dependencies];

    /// <summary>A download task followed or cancelled by its id.</summary>
    public static readonly string[] Task = [ErrorCodes.NotFound, .. Dependencies];

    /// <summary>A batch: refused whole when it has too few or too many items; each item fails on its own.</summary>
    public static readonly string[] Batch = [ErrorCodes.InvalidRequest, .. Dependencies];
}
