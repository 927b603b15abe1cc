using System.Globalization;
using System.Text;
using System.Xml;
using VideoPlatform.Contracts.Metadata;

namespace VideoPlatform.Streaming.Dash;

/// <summary>
/// Writes a static DASH MPD (on-demand profile) from a video's adaptive formats: one
/// AdaptationSet per kind, container and audio language, one Representation per format, each
/// file addressed by a <c>BaseURL</c> the caller supplies (a signed token on this service, never
/// the CDN's URL) and described by <c>SegmentBase</c> where the platform gave the init and index
/// ranges, so a player fetches the segment index and seeks by byte range.
/// </summary>
public static class DashManifest
{
    public const string ContentType = "application/dash+xml";

    private const string Namespace = "urn:mpeg:dash:schema:mpd:2011";

    /// <summary>
    /// Formats a DASH player can take: single-kind (video or audio) files in an ISO-BMFF or WebM
    /// container; video no taller than <paramref name="maxHeight"/> (or, when none is, the
    /// shortest), or none with <paramref name="audioOnly"/>.
    /// </summary>
    public static IReadOnlyList<VideoFormat> AdaptiveFormats(IEnumerable<VideoFormat> formats, int? maxHeight = null, bool audioOnly = false)
    {
        var adaptive = formats.Where(f => f.HasVideo != f.HasAudio && f.Protocol == "https" && MimeTypeOf(f) is not null).ToList();
        List<VideoFormat> video = audioOnly ? [] : adaptive.Where(f => f.HasVideo).ToList();
        if (maxHeight is { } cap && video.Count > 0)
        {
            var fitting = video.Where(f => (f.Height ?? 0) <= cap).ToList();
            var shortest = video.Min(f => f.Height ?? 0);
            video = fitting.Count > 0 ? fitting : video.Where(f => (f.Height ?? 0) == shortest).ToList();
        }
        return [.. video, .. adaptive.Where(f => f.HasAudio)];
    }

    public static string Write(FormatList video, IReadOnlyList<VideoFormat> formats, Func<VideoFormat, string> baseUrl)
    {
        using var output = new MemoryStream();
        using (var xml = XmlWriter.Create(output, new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false) }))
        {
            xml.WriteStartDocument();
            xml.WriteStartElement("MPD", Namespace);
            xml.WriteAttributeString("profiles", "urn:mpeg:dash:profile:isoff-on-demand:2011");
            xml.WriteAttributeString("type", "static");
            xml.WriteAttributeString("minBufferTime", "PT1.5S");
            if (video.Duration is > 0 and var duration)
            {
                xml.WriteAttributeString("mediaPresentationDuration", Seconds(duration));
            }
            xml.WriteStartElement("Period", Namespace);
            xml.WriteAttributeString("id", "0");
            xml.WriteAttributeString("start", "PT0S");

            var ids = new HashSet<string>(StringComparer.Ordinal);
            var sets = formats
                .GroupBy(f => (Video: f.HasVideo, Mime: MimeTypeOf(f)!, Language: f.HasAudio ? f.AudioTrack?.Language : null))
                .OrderBy(g => g.Key.Video ? 0 : 1)
                .ThenByDescending(g => g.Any(f => f.AudioTrack?.IsDefault == true));
            var setId = 0;
            foreach (var set in sets)
            {
                xml.WriteStartElement("AdaptationSet", Namespace);
                xml.WriteAttributeString("id", (setId++).ToString(CultureInfo.InvariantCulture));
                xml.WriteAttributeString("contentType", set.Key.Video ? "video" : "audio");
                xml.WriteAttributeString("mimeType", set.Key.Mime);
                if (set.Key.Language is { Length: > 0 } language)
                {
                    xml.WriteAttributeString("lang", language);
                }
                xml.WriteAttributeString("segmentAlignment", "true");
                xml.WriteAttributeString("startWithSAP", "1");
                foreach (var format in set.OrderByDescending(f => f.Height ?? 0).ThenByDescending(f => f.Bitrate ?? 0))
                {
                    WriteRepresentation(xml, format, video.Duration, UniqueId(format, ids), baseUrl(format));
                }
                xml.WriteEndElement();
            }

            xml.WriteEndElement();
            xml.WriteEndElement();
            xml.WriteEndDocument();
        }
        return Encoding.UTF8.GetString(output.GetBuffer(), 0, (int)output.Length);
    }

    private static void WriteRepresentation(XmlWriter xml, VideoFormat format, double? duration, string id, string baseUrl)
    {
        xml.WriteStartElement("Representation", Namespace);
        xml.WriteAttributeString("id", id);
        var codecs = format.HasVideo ? format.Vcodec : format.Acodec;
        if (codecs is { Length: > 0 } and not "none")
        {
            xml.WriteAttributeString("codecs", codecs);
        }
        // bandwidth is mandatory; without a stated bitrate, the average one from size and duration.
        var bandwidth = format.Bitrate
            ?? (format.Filesize is { } size && duration is > 0 ? (long)(size * 8 / duration.Value) : 1);
        xml.WriteAttributeString("bandwidth", bandwidth.ToString(CultureInfo.InvariantCulture));
        if (format.HasVideo)
        {
            Optional(xml, "width", format.Width);
            Optional(xml, "height", format.Height);
            if (format.Fps is > 0 and var fps)
            {
                xml.WriteAttributeString("frameRate", fps.ToString("0.###", CultureInfo.InvariantCulture));
            }
        }
        else
        {
            Optional(xml, "audioSamplingRate", format.AudioSampleRate);
            if (format.AudioChannels is { } channels)
            {
                xml.WriteStartElement("AudioChannelConfiguration", Namespace);
                xml.WriteAttributeString("schemeIdUri", "urn:mpeg:dash:23003:3:audio_channel_configuration:2011");
                xml.WriteAttributeString("value", channels.ToString(CultureInfo.InvariantCulture));
                xml.WriteEndElement();
            }
        }

        xml.WriteElementString("BaseURL", Namespace, baseUrl);
        if (IsRange(format.IndexRange))
        {
            xml.WriteStartElement("SegmentBase", Namespace);
            xml.WriteAttributeString("indexRange", format.IndexRange);
            xml.WriteAttributeString("indexRangeExact", "true");
            if (IsRange(format.InitRange))
            {
                xml.WriteStartElement("Initialization", Namespace);
                xml.WriteAttributeString("range", format.InitRange);
                xml.WriteEndElement();
            }
            xml.WriteEndElement();
        }
        xml.WriteEndElement();
    }

    /// <summary>The container's MIME type without parameters; null for what DASH cannot carry.</summary>
    internal static string? MimeTypeOf(VideoFormat format)
    {
        var kind = format.HasVideo ? "video" : "audio";
        var declared = format.MimeType?.Split(';')[0].Trim().ToLowerInvariant();
        if (declared is "video/mp4" or "audio/mp4" or "video/webm" or "audio/webm")
        {
            // A declared type of the wrong kind (video/mp4 on an audio-only file) is corrected.
            return $"{kind}/{declared[(declared.IndexOf('/') + 1)..]}";
        }
        return format.Ext.ToLowerInvariant() switch
        {
            "mp4" or "m4a" or "m4v" or "m4s" => $"{kind}/mp4",
            "webm" or "weba" => $"{kind}/webm",
            _ => null,
        };
    }

    private static string UniqueId(VideoFormat format, HashSet<string> taken)
    {
        // The same itag comes once per audio language; Representation ids must be unique.
        var id = format.AudioTrack?.Language is { Length: > 0 } language ? $"{format.FormatId}-{language}" : format.FormatId;
        var unique = id;
        for (var n = 2; !taken.Add(unique); n++)
        {
            unique = $"{id}-{n}";
        }
        return unique;
    }

    private static void Optional(XmlWriter xml, string name, int? value)
    {
        if (value is { } v)
        {
            xml.WriteAttributeString(name, v.ToString(CultureInfo.InvariantCulture));
        }
    }

    private static bool IsRange(string? range)
    {
        var dash = range?.IndexOf('-') ?? -1;
        return range is not null && dash > 0 && long.TryParse(range.AsSpan(0, dash), NumberStyles.None, CultureInfo.InvariantCulture, out var start)
            && long.TryParse(range.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var end) && end >= start;
    }

    private static string Seconds(double seconds) => $"PT{seconds.ToString("0.###", CultureInfo.InvariantCulture)}S";
}
