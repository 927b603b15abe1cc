namespace VideoPlatform.Contracts;

/// <summary>
/// Stable <c>code</c> values of the platform's problem-details answers
/// (<c>application/problem+json</c>), with the HTTP status each one carries.
/// </summary>
public static class ErrorCodes
{
    public const string InvalidUrl = "invalid_url";
    public const string InvalidVideoId = "invalid_video_id";
    public const string InvalidRequest = "invalid_request";
    public const string UnsupportedPlatform = "unsupported_platform";
    public const string VideoUnavailable = "video_unavailable";
    public const string VideoPrivate = "video_private";
    public const string LoginRequired = "login_required";
    public const string AgeRestricted = "age_restricted";
    public const string GeoRestricted = "geo_restricted";
    public const string MembersOnly = "members_only";
    public const string PaymentRequired = "payment_required";
    public const string LiveStreamOffline = "live_stream_offline";
    public const string NoMatchingFormat = "no_matching_format";
    public const string UpstreamUnavailable = "upstream_unavailable";
    public const string UpstreamThrottled = "upstream_throttled";

    /// <summary>
    /// The platform's risk control refused this server (BiliBili's HTTP 412, or code -352 again after
    /// fresh signing keys): not a rate limit that passes in seconds, and asking again at once only
    /// deepens the block, so the answer says to wait minutes.
    /// </summary>
    public const string UpstreamRefused = "upstream_refused";
    public const string RateLimited = "rate_limited";
    public const string Unauthorized = "unauthorized";
    /// <summary>The client's address is on a deny list, or not on the allow list.</summary>
    public const string Forbidden = "forbidden";
    public const string NotFound = "not_found";
    /// <summary>A route of the old API that is no longer served; the detail names what replaces it.</summary>
    public const string RouteRetired = "route_retired";

    /// <summary>The HTTP status that goes with a code.</summary>
    public static int StatusOf(string code) => code switch
    {
        InvalidUrl or InvalidVideoId or InvalidRequest or UnsupportedPlatform => 400,
        Unauthorized => 401,
        PaymentRequired => 402,
        Forbidden or VideoPrivate or LoginRequired or AgeRestricted or MembersOnly => 403,
        VideoUnavailable or NotFound => 404,
        NoMatchingFormat => 404,
        LiveStreamOffline => 409,
        RouteRetired => 410,
        GeoRestricted => 451,
        RateLimited => 429,
        UpstreamThrottled or UpstreamRefused => 503,
        UpstreamUnavailable => 502,
        _ => 500,
    };

    /// <summary>
    /// The <c>Retry-After</c> (seconds) an answer with this code carries: asking again at once would
    /// not help. Services calling each other pass such answers on without retrying them (see
    /// ServiceDefaults' resilience), so the wait is not multiplied at every hop.
    /// </summary>
    public static int? RetryAfterSeconds(string code) => code switch
    {
        UpstreamThrottled => 30,
        UpstreamRefused => 600,
        UpstreamUnavailable => 5,
        _ => null,
    };
}
