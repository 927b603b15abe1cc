using static VideoPlatform.Contracts.ErrorCodes;

namespace VideoPlatform.Metadata.Apis;

/// <summary>
/// The problem codes of metadata's routes, by what a route does, for their
/// <c>ProducesProblems</c> (each route adds what only it answers, such as a query it checks).
/// </summary>
internal static class MetadataProblems
{
    /// <summary>A platform asked anything: it fails, rate limits, or (BiliBili's risk control) refuses this server.</summary>
    public static readonly string[] PlatformCall = [UpstreamUnavailable, UpstreamThrottled, UpstreamRefused];

    /// <summary>A video named by platform and id (<c>/videos/{platform}/{videoId}</c>).</summary>
    public static readonly string[] VideoLookup = [UnsupportedPlatform, InvalidVideoId];

    /// <summary>A video extracted: every way a platform declines to serve one, then every way asking fails.</summary>
    public static readonly string[] Extraction =
    [
        VideoUnavailable, VideoPrivate, LoginRequired, AgeRestricted, GeoRestricted, MembersOnly, PaymentRequired,
        LiveStreamOffline, NoMatchingFormat, .. PlatformCall,
    ];

    /// <summary>A pasted URL: not one, of no supported platform, or a short link (b23.tv) whose service fails.</summary>
    public static readonly string[] UrlLookup = [InvalidUrl, UnsupportedPlatform, UpstreamUnavailable, UpstreamThrottled];
}
