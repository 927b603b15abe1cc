namespace VideoPlatform.Legacy.Vrchat;

/// <summary>
/// Decides the player from <c>player=</c>, or from the User-Agent when it is absent or <c>auto</c>.
/// Detection only chooses a format; no user agent is ever refused.
/// </summary>
internal static class PlayerDetector
{
    private static readonly string[] AvProAgents = ["NSPlayer/", "AVProMobileVideo/", "ExoPlayerLib", "AVProVideo"];
    private static readonly string[] UnityAgents = ["UnityPlayer/", "stagefright/"];

    public static PlayerKind Detect(string? player, string? userAgent)
    {
        switch (player?.Trim().ToLowerInvariant())
        {
            case "avpro":
                return PlayerKind.AvPro;
            case "unity" or "unity_video":
                return PlayerKind.Unity;
        }

        var agent = userAgent ?? "";
        if (AvProAgents.Any(a => agent.Contains(a, StringComparison.OrdinalIgnoreCase)))
        {
            return PlayerKind.AvPro;
        }
        return UnityAgents.Any(a => agent.Contains(a, StringComparison.OrdinalIgnoreCase))
            ? PlayerKind.Unity
            : PlayerKind.Auto;
    }

    /// <summary>The name the seed used in <c>player=</c> and <c>player_type</c>.</summary>
    public static string NameOf(PlayerKind player) => player switch
    {
        PlayerKind.AvPro => "avpro",
        PlayerKind.Unity => "unity",
        _ => "auto",
    };
}
