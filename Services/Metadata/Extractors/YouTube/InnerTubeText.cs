using System.Globalization;
using System.Text.Json.Nodes;

namespace VideoPlatform.Metadata.Extractors.YouTube;

/// <summary>How InnerTube writes text and numbers, read in one place.</summary>
internal static class InnerTubeText
{
    public static string? Text(JsonNode? node) => node is JsonValue value ? value.ToString() : null;

    /// <summary>InnerTube text: a plain string, <c>{"simpleText":…}</c>, <c>{"runs":[{"text":…}]}</c> or <c>{"content":…}</c> (view models).</summary>
    public static string? Runs(JsonNode? node) =>
        node switch
        {
            JsonValue value => value.ToString(),
            JsonObject o when Text(o["simpleText"]) is { } simple => simple,
            JsonObject o when o["runs"] is JsonArray runs => string.Concat(runs.Select(r => Text(r?["text"]))),
            JsonObject o when Text(o["content"]) is { } content => content,
            _ => null,
        };

    /// <summary>The leading number of "1,234,567 views", "49 videos", "No views" (0); null for rounded forms such as "1.2M".</summary>
    public static long? LeadingCount(string? text)
    {
        if (text is null)
        {
            return null;
        }
        var first = text.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "";
        if (first.Equals("No", StringComparison.OrdinalIgnoreCase))
        {
            return 0;
        }
        var digits = first.Replace(",", "", StringComparison.Ordinal).Replace(".", "", StringComparison.Ordinal);
        return first.Contains('.', StringComparison.Ordinal) && !first.Contains(',', StringComparison.Ordinal)
            ? null
            : long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var count) ? count : null;
    }

    /// <summary>Seconds of "3:33" or "1:02:03".</summary>
    public static double? Clock(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        double total = 0;
        foreach (var part in text.Trim().Split(':'))
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                return null;
            }
            total = total * 60 + value;
        }
        return total;
    }

    /// <summary>The largest of a <c>thumbnails</c> array (the last, as InnerTube orders them), made absolute.</summary>
    public static string? LargestThumbnail(JsonNode? thumbnails) =>
        (thumbnails as JsonArray)?.LastOrDefault() is { } last && (Text(last["url"]) ?? Text(last["src"])) is { } url
            ? url.StartsWith("//", StringComparison.Ordinal) ? "https:" + url : url
            : null;
}
