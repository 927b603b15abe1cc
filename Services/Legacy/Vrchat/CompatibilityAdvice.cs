namespace VideoPlatform.Legacy.Vrchat;

/// <summary>The seed's compatibility analysis for <c>/api/vrchat/info</c>: warnings and a recommended quality.</summary>
internal sealed record CompatibilityAdvice(
    IReadOnlyList<string> CompatibilityNotes,
    IReadOnlyList<string> PerformanceNotes,
    string RecommendedQuality)
{
    public static CompatibilityAdvice For(double? duration, string title, PlayerKind player, bool isLive)
    {
        var compatibility = new List<string>();
        var performance = new List<string>();

        if (isLive)
        {
            compatibility.Add("Live stream: served as HLS, which AVPro plays and Unity's player does not.");
        }
        if (title.IndexOfAny(['\'', '"', '\u2018', '\u2019', '\u201C', '\u201D']) >= 0)
        {
            compatibility.Add("Title contains quotes: the download filename will be sanitized.");
        }
        if (duration > 1800)
        {
            performance.Add("Video is longer than 30 minutes - may cause performance issues.");
        }
        if (player == PlayerKind.AvPro && duration > 3600)
        {
            performance.Add("AVPro may use a lot of memory for videos longer than an hour.");
        }
        compatibility.Add(player == PlayerKind.Unity
            ? "Unity Video Player: progressive MP4 (H.264/AAC) only."
            : "AVPro: MP4 (H.264 baseline, AAC) or HLS.");

        return new CompatibilityAdvice(compatibility, performance, RecommendQuality(duration, player));
    }

    /// <summary>The seed's table: shorter videos get more pixels, AVPro a little fewer.</summary>
    public static string RecommendQuality(double? duration, PlayerKind player) => (duration, player == PlayerKind.AvPro) switch
    {
        (null, true) => "480p",
        (null, false) => "720p",
        ( <= 300, _) => "720p",
        ( <= 900, true) => "480p",
        ( <= 900, false) => "720p",
        (_, true) => "360p",
        (_, false) => "480p",
    };
}
