using System.Globalization;
using VideoPlatform.Contracts.Metadata;

namespace VideoPlatform.Streaming.Selection;

/// <summary>
/// Chooses one playable format from a video's formats: by a yt-dlp-style selector expression
/// (<c>best[height&lt;=720][ext=mp4]/best</c>), by a quality name (<c>best</c>, <c>720p</c>,
/// <c>audio</c>…), and by what a player can play (<c>avpro</c>, <c>unity</c>: progressive MP4
/// with H.264/AAC).
/// </summary>
public static class FormatSelector
{
    /// <summary>Quality names accepted by <c>quality=</c>.</summary>
    public static readonly string[] Qualities =
        ["best", "worst", "highest", "lowest", "audio", "2160p", "1440p", "1080p", "720p", "480p", "360p", "240p", "144p"];

    /// <summary>
    /// The selector expression a request stands for: an explicit <paramref name="format"/> wins;
    /// otherwise the quality name, shaped by the player.
    /// </summary>
    public static string ExpressionFor(string? quality, string? format, string? player)
    {
        if (!string.IsNullOrWhiteSpace(format))
        {
            return format;
        }

        var name = Normalized(quality);
        if (IsAudioOnly(name))
        {
            return "bestaudio/best";
        }
        if (name is "worst" or "lowest")
        {
            return "worst";
        }

        var cap = HeightCap(name);
        if (cap is null && name is not ("best" or "highest"))
        {
            throw new SelectorException($"Unknown quality '{quality}'. Use one of: {string.Join(", ", Qualities)}.", 0);
        }

        var limit = cap is { } c ? $"[height<=?{c}]" : "";
        return (player ?? "").ToLowerInvariant() switch
        {
            // AVPro (Android/Quest) and Unity's player want one progressive MP4 with H.264 and AAC.
            "avpro" or "unity" => $"best{limit}[ext=mp4][vcodec^=avc1][acodec^=mp4a]/best{limit}[ext=mp4]/best{limit}/worst",
            _ => cap is null ? "best" : $"best{limit}/worst",
        };
    }

    /// <summary>The height a quality name caps video at: 720 for <c>720p</c>; null for the names without a height.</summary>
    public static int? HeightCap(string? quality) =>
        Normalized(quality) is var name && name.EndsWith('p') && int.TryParse(name[..^1], CultureInfo.InvariantCulture, out var height) ? height : null;

    /// <summary>Whether a quality name asks for sound only (<c>audio</c>).</summary>
    public static bool IsAudioOnly(string? quality) => Normalized(quality) is "audio" or "bestaudio";

    private static string Normalized(string? quality) => (quality ?? "best").Trim().ToLowerInvariant();

    /// <summary>Applies an expression; null when nothing matches.</summary>
    public static VideoFormat? Select(string expression, IReadOnlyList<VideoFormat> formats)
    {
        foreach (var alternative in SelectorParser.Parse(expression).Alternatives)
        {
            // A merge (video+audio) cannot be one URL to redirect to or proxy: try the next
            // alternative; when there is none, the video part's filters pick a muxed format.
            var choice = alternative.Merge is null
                ? Pick(alternative.Primary, formats)
                : null;
            if (choice is not null)
            {
                return choice;
            }
        }

        var last = SelectorParser.Parse(expression).Alternatives[^1];
        return last.Merge is null ? null : Pick(last.Primary with { Kind = SelectorKind.Best }, formats);
    }

    private static VideoFormat? Pick(FormatTerm term, IReadOnlyList<VideoFormat> formats)
    {
        var candidates = formats.Where(f => term.Kind switch
        {
            SelectorKind.Best or SelectorKind.Worst => f.HasVideo && f.HasAudio,
            SelectorKind.BestVideo or SelectorKind.WorstVideo => f.HasVideo && !f.HasAudio,
            SelectorKind.BestVideoAny => f.HasVideo,
            SelectorKind.BestAudio or SelectorKind.WorstAudio => f.HasAudio && !f.HasVideo,
            SelectorKind.BestAudioAny => f.HasAudio,
            SelectorKind.FormatId => f.FormatId == term.FormatId,
            _ => false,
        }).Where(f => term.Filters.All(filter => filter.Matches(f)));

        var ranked = candidates
            .OrderBy(f => f.Height ?? 0)
            .ThenBy(f => f.Fps ?? 0)
            .ThenBy(f => f.Bitrate ?? 0)
            .ThenBy(f => f.AudioSampleRate ?? 0)
            .ToList();
        return term.Kind is SelectorKind.Worst or SelectorKind.WorstVideo or SelectorKind.WorstAudio
            ? ranked.FirstOrDefault()
            : ranked.LastOrDefault();
    }
}
