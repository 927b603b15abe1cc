namespace VideoPlatform.Legacy.Vrchat;

/// <summary>The seed's compatibility advice for world video players, by duration and player.</summary>
public static class VrchatAdvice
{
    public static string RecommendedQuality(double? duration, string player) => (duration, player) switch
    {
        (null, "avpro") => "480p",
        (null, _) => "720p",
        ( <= 300, _) => "720p",
        ( <= 900, "avpro") => "480p",
        ( <= 900, _) => "720p",
        (_, "avpro") => "360p",
        _ => "480p",
    };

    public static List<string> Notes(double? duration, string? title, string player)
    {
        var notes = new List<string>();
        if (duration > 1800)
        {
            notes.Add("Video is longer than 30 minutes – may cause performance issues in VRChat.");
        }
        if (duration > 3600 && player == "avpro")
        {
            notes.Add("Videos over an hour can exhaust AVPro's memory on Quest; prefer a lower quality.");
        }
        if (title is not null && (title.Contains('\'') || title.Contains('"') || title.Contains('’')))
        {
            notes.Add("The title contains quotes: download filenames will be sanitized for VRChat.");
        }
        return notes;
    }
}
