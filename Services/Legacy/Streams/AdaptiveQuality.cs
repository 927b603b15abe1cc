namespace VideoPlatform.Legacy.Streams;

/// <summary>The Python API's <c>/api/v2/stream/auto</c> choice of quality (seed §4.4, "adaptive").</summary>
internal static class AdaptiveQuality
{
    /// <summary>The Python API's device words; <c>auto</c> (or none) reads the User-Agent.</summary>
    public static string DeviceOf(string? device, string userAgent) => device?.ToLowerInvariant() switch
    {
        "mobile" or "tablet" or "desktop" => device.ToLowerInvariant(),
        _ when userAgent.Contains("tablet", StringComparison.OrdinalIgnoreCase) || userAgent.Contains("iPad", StringComparison.Ordinal) => "tablet",
        _ when userAgent.Contains("mobile", StringComparison.OrdinalIgnoreCase) => "mobile",
        _ => "desktop",
    };

    /// <summary>Mobile below 1 Mbit/s 480p else 720p; others below 2 Mbit/s 720p, below 5 Mbit/s 1080p, else best.</summary>
    public static string For(string device, int? kbps) => device switch
    {
        "mobile" => kbps is < 1000 ? "480p" : "720p",
        _ => kbps switch
        {
            null => "best",
            < 2000 => "720p",
            < 5000 => "1080p",
            _ => "best",
        },
    };
}
