namespace VideoPlatform.Legacy.Streams;

/// <summary>The seed's quality words, mapped onto what streaming understands.</summary>
internal static class LegacyQuality
{
    /// <summary>VRChat: 720p, 480p or 360p; <c>best</c> and anything unknown mean 720p, the players' ceiling.</summary>
    public static string ForPlayer(string? quality) => quality?.Trim().ToLowerInvariant() switch
    {
        "480p" => "480p",
        "360p" => "360p",
        _ => "720p",
    };

    /// <summary>Simple API: <c>highest</c> → <c>best</c>, <c>lowest</c> → <c>worst</c>, others unchanged (seed-api.md §4.4).</summary>
    public static string ForSimple(string? quality) => quality?.Trim().ToLowerInvariant() switch
    {
        null or "" or "highest" => "best",
        "lowest" => "worst",
        var other => other,
    };
}
