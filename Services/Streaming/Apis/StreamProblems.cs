using VideoPlatform.Contracts;

namespace VideoPlatform.Streaming.Apis;

/// <summary>The problem codes stream routes share, for their OpenAPI description.</summary>
internal static class StreamProblems
{
    /// <summary>What <see cref="StreamInput"/> refuses before anything is asked of metadata.</summary>
    public static readonly string[] Input = [ErrorCodes.InvalidRequest, ErrorCodes.UnsupportedPlatform, ErrorCodes.InvalidVideoId];

    /// <summary>
    /// What resolving a video can answer: metadata's problems with the video or its platform,
    /// passed on; no format that fits the request; a media host off the allow-list.
    /// </summary>
    public static readonly string[] Resolving =
    [
        ErrorCodes.VideoUnavailable, ErrorCodes.VideoPrivate, ErrorCodes.LoginRequired, ErrorCodes.AgeRestricted,
        ErrorCodes.GeoRestricted, ErrorCodes.MembersOnly, ErrorCodes.PaymentRequired, ErrorCodes.LiveStreamOffline,
        ErrorCodes.NoMatchingFormat, ErrorCodes.UpstreamUnavailable, ErrorCodes.UpstreamThrottled, ErrorCodes.UpstreamRefused,
    ];

    /// <summary>A stream route's request checked, then its video resolved.</summary>
    public static readonly string[] Stream = [.. Input, .. Resolving];
}
