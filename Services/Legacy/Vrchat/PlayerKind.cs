namespace VideoPlatform.Legacy.Vrchat;

/// <summary>
/// Which player asks: AVPro (plays HLS and progressive MP4) or Unity's built-in player
/// (progressive MP4 only). Told by <c>player=</c>, else by the User-Agent; never a reason to refuse.
/// </summary>
public static class PlayerKind
{
    public static string Detect(string? player, string? userAgent)
    {
        var named = player?.Trim().ToLowerInvariant();
        if (named is "avpro")
        {
            return "avpro";
        }
        if (named is "unity" or "unity_video")
        {
            return "unity";
        }

        var agent = userAgent ?? "";
        if (agent.Contains("AVProMobileVideo", StringComparison.OrdinalIgnoreCase)
            || agent.Contains("NSPlayer", StringComparison.OrdinalIgnoreCase)
            || agent.Contains("ExoPlayerLib", StringComparison.OrdinalIgnoreCase)
            || agent.Contains("AVProVideo", StringComparison.OrdinalIgnoreCase))
        {
            return "avpro";
        }
        if (agent.Contains("UnityPlayer", StringComparison.OrdinalIgnoreCase)
            || agent.Contains("stagefright", StringComparison.OrdinalIgnoreCase))
        {
            return "unity";
        }
        return "auto";
    }
}
