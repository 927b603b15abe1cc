using System.Globalization;
using System.Text;
using System.Text.Json;

namespace VideoPlatform.Metadata.Captions;

/// <summary>YouTube's <c>json3</c> timed text in, WebVTT or SubRip out.</summary>
public static class CaptionFormats
{
    public static IReadOnlyList<CaptionCue> ParseJson3(string json)
    {
        using var document = JsonDocument.Parse(json);
        if (!document.RootElement.TryGetProperty("events", out var events))
        {
            return [];
        }
        var cues = new List<CaptionCue>();
        foreach (var e in events.EnumerateArray())
        {
            if (!e.TryGetProperty("segs", out var segs) || !e.TryGetProperty("tStartMs", out var start))
            {
                continue;
            }
            var text = string.Concat(segs.EnumerateArray().Select(s => s.TryGetProperty("utf8", out var u) ? u.GetString() : "")).Trim();
            if (text.Length == 0)
            {
                continue;
            }
            var duration = e.TryGetProperty("dDurationMs", out var d) ? d.GetDouble() : 0;
            cues.Add(new CaptionCue(start.GetDouble() / 1000, (start.GetDouble() + duration) / 1000, text));
        }
        return cues;
    }

    public static string ToWebVtt(IEnumerable<CaptionCue> cues)
    {
        var text = new StringBuilder("WEBVTT\n\n");
        foreach (var cue in cues)
        {
            text.Append(Time(cue.Start, '.')).Append(" --> ").Append(Time(cue.End, '.')).Append('\n').Append(cue.Text).Append("\n\n");
        }
        return text.ToString();
    }

    public static string ToSrt(IEnumerable<CaptionCue> cues)
    {
        var text = new StringBuilder();
        var index = 1;
        foreach (var cue in cues)
        {
            text.Append(index++).Append('\n')
                .Append(Time(cue.Start, ',')).Append(" --> ").Append(Time(cue.End, ',')).Append('\n')
                .Append(cue.Text).Append("\n\n");
        }
        return text.ToString();
    }

    private static string Time(double seconds, char separator)
    {
        var time = TimeSpan.FromSeconds(seconds);
        return string.Create(CultureInfo.InvariantCulture, $"{(int)time.TotalHours:00}:{time.Minutes:00}:{time.Seconds:00}{separator}{time.Milliseconds:000}");
    }
}
