using System.Globalization;
using System.Text.RegularExpressions;

namespace VideoPlatform.Metadata.Extractors;

/// <summary>One rendition listed in an HLS master playlist (<c>#EXT-X-STREAM-INF</c>).</summary>
public sealed partial record HlsVariant(Uri Url, long? Bandwidth, int? Width, int? Height, double? FrameRate, string? Codecs, string? Name)
{
    /// <summary>Reads the variants of a master playlist; relative URIs are resolved against <paramref name="playlistUrl"/>.</summary>
    public static IReadOnlyList<HlsVariant> ParseMaster(string playlist, Uri playlistUrl)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match media in MediaTag().Matches(playlist))
        {
            var attributes = Attributes(media.Groups[1].Value);
            if (attributes.GetValueOrDefault("GROUP-ID") is { } group && attributes.GetValueOrDefault("NAME") is { } name)
            {
                names[group] = name;
            }
        }

        var variants = new List<HlsVariant>();
        var lines = playlist.Split('\n', StringSplitOptions.TrimEntries);
        for (var i = 0; i < lines.Length; i++)
        {
            if (!lines[i].StartsWith("#EXT-X-STREAM-INF:", StringComparison.Ordinal))
            {
                continue;
            }
            var attributes = Attributes(lines[i]["#EXT-X-STREAM-INF:".Length..]);
            var uri = lines.Skip(i + 1).FirstOrDefault(l => l.Length > 0 && !l.StartsWith('#'));
            if (uri is null)
            {
                continue;
            }

            int? width = null, height = null;
            if (attributes.GetValueOrDefault("RESOLUTION")?.Split('x') is [var w, var h])
            {
                width = int.Parse(w, CultureInfo.InvariantCulture);
                height = int.Parse(h, CultureInfo.InvariantCulture);
            }
            variants.Add(new HlsVariant(
                new Uri(playlistUrl, uri),
                long.TryParse(attributes.GetValueOrDefault("BANDWIDTH"), CultureInfo.InvariantCulture, out var bandwidth) ? bandwidth : null,
                width, height,
                double.TryParse(attributes.GetValueOrDefault("FRAME-RATE"), CultureInfo.InvariantCulture, out var fps) ? fps : null,
                attributes.GetValueOrDefault("CODECS"),
                attributes.GetValueOrDefault("VIDEO") is { } video ? names.GetValueOrDefault(video) : null));
        }
        return variants;
    }

    /// <summary>Attribute lists: <c>KEY=value,KEY="quoted, with commas"</c>.</summary>
    private static Dictionary<string, string> Attributes(string list) =>
        AttributePair().Matches(list).ToDictionary(
            m => m.Groups[1].Value,
            m => m.Groups[2].Value.Trim('"'),
            StringComparer.Ordinal);

    [GeneratedRegex(@"#EXT-X-MEDIA:(.*)")]
    private static partial Regex MediaTag();

    [GeneratedRegex(@"([A-Z0-9-]+)=(""[^""]*""|[^,]*)")]
    private static partial Regex AttributePair();
}
