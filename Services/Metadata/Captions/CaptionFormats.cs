using System.Globalization;
using System.Text;
using System.Text.Json;
using VideoPlatform.Contracts;

namespace VideoPlatform.Metadata.Captions;

/// <summary>YouTube's <c>json3</c> timed text in, WebVTT or SubRip out.</summary>
public static class CaptionFormats
{
    /// <summary>Longest time a cue may start or last: past it the answer is not a caption track (and would overflow a timestamp).</summary>
    private const double MaxMilliseconds = 7 * 24 * 3600 * 1000.0;

    /// <summary>
    /// The cues of a <c>json3</c> track. Whatever the platform sent, the answer is cues or an
    /// <c>upstream_unavailable</c> problem: not JSON at all is the platform's fault, and events of
    /// another shape than a cue's are passed over.
    /// </summary>
    public static IReadOnlyList<CaptionCue> ParseJson3(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            throw new ProblemException(ErrorCodes.UpstreamUnavailable, "The platform's caption track is not the JSON it should be.", ex);
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty("events", out var events)
                || events.ValueKind != JsonValueKind.Array)
            {
                return [];
            }
            var cues = new List<CaptionCue>();
            foreach (var e in events.EnumerateArray())
            {
                if (Cue(e) is { } cue)
                {
                    cues.Add(cue);
                }
            }
            return cues;
        }
    }

    private static CaptionCue? Cue(JsonElement e)
    {
        if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty("segs", out var segs) || segs.ValueKind != JsonValueKind.Array
            || Milliseconds(e, "tStartMs") is not { } start)
        {
            return null;
        }
        var text = string.Concat(segs.EnumerateArray()
            .Select(s => s.ValueKind == JsonValueKind.Object && s.TryGetProperty("utf8", out var u) && u.ValueKind == JsonValueKind.String ? u.GetString() : "")).Trim();
        var duration = Milliseconds(e, "dDurationMs") ?? 0;
        return text.Length == 0 ? null : new CaptionCue(start / 1000, (start + duration) / 1000, text);
    }

    private static double? Milliseconds(JsonElement e, string name) =>
        e.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var ms) && ms is >= 0 and <= MaxMilliseconds
            ? ms
            : null;

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
