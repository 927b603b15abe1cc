using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;
using VideoPlatform.Contracts;
using VideoPlatform.Contracts.Metadata;
using static VideoPlatform.Metadata.Extractors.YouTube.InnerTubeText;

namespace VideoPlatform.Metadata.Extractors.YouTube;

/// <summary>Reads an InnerTube player response: playability, formats, and the video's details.</summary>
internal static partial class PlayerResponse
{
    /// <summary>
    /// Null when playable. Otherwise the error to report and whether another client might still
    /// play it: everything but what is true of the video itself (private, geo-blocked, for members,
    /// for sale, not yet live) may be one client's refusal: an age gate some clients skip, a bot
    /// check, "the page needs to be reloaded", and the UNPLAYABLE or ERROR that clients without
    /// made-for-kids videos answer for them (<see cref="PlayerRefusal.MayBeMadeForKids"/>).
    /// </summary>
    public static PlayerRefusal? CheckPlayability(JsonObject response, string videoId)
    {
        var playability = response["playabilityStatus"] as JsonObject;
        var status = Text(playability?["status"]) ?? "ERROR";
        var reason = Text(playability?["reason"]) ?? "";
        var screen = playability?["errorScreen"]?["playerErrorMessageRenderer"];
        var screenReason = Runs(screen?["reason"]) ?? "";
        var subreason = Runs(screen?["subreason"]) ?? "";
        var all = $"{reason} {screenReason} {subreason}";

        if (status == "OK")
        {
            var answered = Text(response["videoDetails"]?["videoId"]);
            return answered is null || answered == videoId
                ? null
                : new PlayerRefusal(new ProblemException(ErrorCodes.UpstreamUnavailable, $"YouTube answered with another video ({answered}); this server's address is probably being limited."), true);
        }

        if (playability?["errorScreen"]?["playerLegacyDesktopYpcTrailerRenderer"] is not null
            || playability?["errorScreen"]?["ypcTrailerRenderer"] is not null
            || Has(all, "requires payment", "Premium members", "rent", "purchase"))
        {
            return new PlayerRefusal(new ProblemException(ErrorCodes.PaymentRequired, $"This video must be bought, rented or needs YouTube Premium: {First(reason, screenReason)}"), false);
        }

        return status switch
        {
            "LIVE_STREAM_OFFLINE" => new PlayerRefusal(new ProblemException(ErrorCodes.LiveStreamOffline, Scheduled(response, playability, reason)), false),
            // "Private video" on older error screens, "This video is private" in 2026 answers.
            "LOGIN_REQUIRED" when Has(all, "Private video", "video is private") =>
                new PlayerRefusal(new ProblemException(ErrorCodes.VideoPrivate, "This video is private."), false),
            "LOGIN_REQUIRED" when Has(all, "not a bot") =>
                new PlayerRefusal(new ProblemException(ErrorCodes.UpstreamThrottled, "YouTube asks this server to prove it is not a bot; try again later."), true),
            "LOGIN_REQUIRED" or "AGE_CHECK_REQUIRED" or "AGE_VERIFICATION_REQUIRED" or "CONTENT_CHECK_REQUIRED" when Has(all, "age", "inappropriate") || status.StartsWith("AGE", StringComparison.Ordinal) =>
                new PlayerRefusal(new ProblemException(ErrorCodes.AgeRestricted, "This video is age-restricted: YouTube shows it only to signed-in adults."), true),
            "LOGIN_REQUIRED" => new PlayerRefusal(new ProblemException(ErrorCodes.LoginRequired, $"YouTube requires sign-in for this video: {First(reason, screenReason)}"), true),
            "UNPLAYABLE" when Has(all, "country") =>
                new PlayerRefusal(new ProblemException(ErrorCodes.GeoRestricted, "The uploader has not made this video available in this server's country."), false),
            "UNPLAYABLE" when Has(all, "members") =>
                new PlayerRefusal(new ProblemException(ErrorCodes.MembersOnly, $"This video is for channel members only: {First(reason, screenReason)}"), false),
            "UNPLAYABLE" when Has(all, "reloaded") =>
                new PlayerRefusal(new ProblemException(ErrorCodes.UpstreamUnavailable, "YouTube asked this client to reload the page."), true),
            "UNPLAYABLE" => new PlayerRefusal(new ProblemException(ErrorCodes.VideoUnavailable, $"YouTube will not play this video: {First(reason, screenReason, "unplayable")}"), true, MayBeMadeForKids: true),
            _ => new PlayerRefusal(new ProblemException(ErrorCodes.VideoUnavailable, $"This video is unavailable: {First(reason, screenReason, "it was removed or never existed")}"), true, MayBeMadeForKids: true),
        };
    }

    /// <summary>
    /// Whether a format is a plain file a player can fetch whole or by range: DRM-protected
    /// formats (<c>drmFamilies</c>), OTF ones (<c>FORMAT_STREAM_TYPE_OTF</c>, fetched as numbered
    /// segments) and a live stream's adaptive segments (<c>targetDurationSec</c>) are not.
    /// </summary>
    public static bool IsDirectFile(JsonObject format) =>
        format["drmFamilies"] is null && format["drm"] is null
        && Text(format["type"]) != "FORMAT_STREAM_TYPE_OTF"
        && format["targetDurationSec"] is null;

    /// <summary>The muxed and adaptive formats as YouTube sent them, URLs possibly still ciphered; only plain files (<see cref="IsDirectFile"/>).</summary>
    public static List<JsonObject> FormatNodes(JsonObject response)
    {
        var streaming = response["streamingData"] as JsonObject;
        return (streaming?["formats"] as JsonArray ?? []).Concat(streaming?["adaptiveFormats"] as JsonArray ?? []).OfType<JsonObject>()
            .Where(IsDirectFile)
            .ToList();
    }

    /// <summary>True for a format with both video and audio (the codecs list names two).</summary>
    public static bool IsMuxed(JsonObject format) =>
        Text(format["mimeType"]) is { } mime && !mime.StartsWith("audio/", StringComparison.Ordinal) && CodecsOf(mime).Length > 1;

    /// <summary>Formats whose URLs are usable as they are (deciphered beforehand where needed).</summary>
    public static List<VideoFormat> Formats(IEnumerable<JsonObject> nodes)
    {
        var formats = new List<VideoFormat>();
        foreach (var node in nodes)
        {
            // A format still without a plain URL (SABR-only, or a cipher not solved) is left out
            // rather than handed on with a URL that would fail.
            if (Text(node["url"]) is not { } url || !Uri.TryCreate(url, UriKind.Absolute, out var uri))
            {
                continue;
            }
            var mime = Text(node["mimeType"]) ?? "";
            var codecs = CodecsOf(mime);
            var isAudioOnly = mime.StartsWith("audio/", StringComparison.Ordinal);
            var video = isAudioOnly ? "none" : codecs.ElementAtOrDefault(0) ?? "none";
            var audio = isAudioOnly ? codecs.ElementAtOrDefault(0) ?? "none" : codecs.ElementAtOrDefault(1) ?? "none";
            if (video == "unknown")
            {
                video = "av01.0.05M.08";
            }
            var track = node["audioTrack"] as JsonObject;

            formats.Add(new VideoFormat
            {
                FormatId = node["itag"]?.ToString() ?? "",
                Url = url,
                Ext = ContainerOf(mime, isAudioOnly),
                MimeType = mime,
                Vcodec = video,
                Acodec = audio,
                Width = Int(node["width"]),
                Height = Int(node["height"]),
                Fps = isAudioOnly ? null : Int(node["fps"]),
                // As YouTube reports it: the peak a player must sustain, which DASH calls bandwidth.
                Bitrate = Long(node["bitrate"]) ?? Long(node["averageBitrate"]),
                // The URL's own parameters are read only when the format does not say (googlevideo URLs carry ~25 of them).
                Filesize = Long(node["contentLength"])
                           ?? (QueryHelpers.ParseQuery(uri.Query).TryGetValue("clen", out var clen) && long.TryParse(clen, CultureInfo.InvariantCulture, out var length) ? length : null),
                QualityLabel = Text(node["qualityLabel"]) ?? (isAudioOnly ? Text(node["audioQuality"])?.Replace("AUDIO_QUALITY_", "", StringComparison.Ordinal).ToLowerInvariant() : null),
                AudioSampleRate = Int(node["audioSampleRate"]),
                AudioChannels = Int(node["audioChannels"]),
                InitRange = RangeOf(node["initRange"]),
                IndexRange = RangeOf(node["indexRange"]),
                AudioTrack = track is null ? null : new AudioTrack(
                    Text(track["id"]) ?? "",
                    Text(track["id"])?.Split('.')[0],
                    Text(track["displayName"]),
                    track["audioIsDefault"]?.GetValue<bool>() ?? false,
                    TrackKind(Text(track["displayName"]), track["audioIsDefault"]?.GetValue<bool>() ?? false)),
                HasVideo = video != "none",
                HasAudio = audio != "none",
            });
        }
        return formats;
    }

    /// <summary>When the URLs stop working: the <c>expire</c> parameter, else <c>expiresInSeconds</c>.</summary>
    public static DateTimeOffset? ExpiresAt(JsonObject response, IEnumerable<VideoFormat> formats, DateTimeOffset now)
    {
        foreach (var format in formats)
        {
            var query = QueryHelpers.ParseQuery(new Uri(format.Url).Query);
            if (query.TryGetValue("expire", out var expire) && long.TryParse(expire, CultureInfo.InvariantCulture, out var seconds))
            {
                return DateTimeOffset.FromUnixTimeSeconds(seconds);
            }
        }
        return long.TryParse(Text(response["streamingData"]?["expiresInSeconds"]), CultureInfo.InvariantCulture, out var relative)
            ? now.AddSeconds(relative)
            : null;
    }

    public static VideoInfo Describe(string videoId, JsonObject response, IReadOnlyList<VideoFormat> formats, DateTimeOffset? expiresAt)
    {
        var details = response["videoDetails"] as JsonObject ?? [];
        var micro = response["microformat"]?["playerMicroformatRenderer"] as JsonObject ?? [];
        var thumbnails = (details["thumbnail"]?["thumbnails"] as JsonArray ?? micro["thumbnail"]?["thumbnails"] as JsonArray ?? [])
            .OfType<JsonObject>()
            .Select(t => new Thumbnail(Text(t["url"]) ?? "", Int(t["width"]), Int(t["height"])))
            .Where(t => t.Url.Length > 0)
            .OrderBy(t => t.Width ?? 0)
            .ToList();
        var duration = Double(details["lengthSeconds"]);
        var description = Text(details["shortDescription"]) ?? Runs(micro["description"]);
        var isLive = details["isLive"]?.GetValue<bool>() ?? micro["liveBroadcastDetails"]?["isLiveNow"]?.GetValue<bool>() ?? false;
        var channelId = Text(details["channelId"]) ?? Text(micro["externalChannelId"]);
        var uploaded = Text(micro["uploadDate"]) ?? Text(micro["publishDate"]);
        var captions = (response["captions"]?["playerCaptionsTracklistRenderer"]?["captionTracks"] as JsonArray ?? [])
            .OfType<JsonObject>()
            .Select(c => new CaptionTrack(
                Text(c["languageCode"]) ?? "",
                Runs(c["name"]) ?? Text(c["languageCode"]) ?? "",
                Text(c["kind"]) == "asr",
                c["isTranslatable"]?.GetValue<bool>() ?? false,
                Text(c["baseUrl"])))
            .ToList();
        var translations = (response["captions"]?["playerCaptionsTracklistRenderer"]?["translationLanguages"] as JsonArray ?? [])
            .OfType<JsonObject>()
            .Select(l => new CaptionLanguage(Text(l["languageCode"]) ?? "", Runs(l["languageName"]) ?? Text(l["languageCode"]) ?? ""))
            .Where(l => l.LanguageCode.Length > 0)
            .ToList();
        var video = formats.Where(f => f.HasVideo && f.Width is not null && f.Height is not null).ToList();

        return new VideoInfo
        {
            Id = videoId,
            Platform = "youtube",
            Title = Text(details["title"]) ?? Runs(micro["title"]) ?? videoId,
            Description = description,
            Duration = isLive ? null : duration,
            Thumbnail = thumbnails.LastOrDefault()?.Url ?? $"https://i.ytimg.com/vi/{videoId}/hqdefault.jpg",
            Uploader = Text(details["author"]) ?? Text(micro["ownerChannelName"]),
            ViewCount = Long(details["viewCount"]) ?? Long(micro["viewCount"]),
            LikeCount = Long(micro["likeCount"]),
            UploadDate = WebMicroformat.UploadDate(uploaded),
            Formats = formats,
            ChannelId = channelId,
            ChannelUrl = channelId is null ? null : $"https://www.youtube.com/channel/{channelId}",
            Thumbnails = thumbnails,
            Keywords = (details["keywords"] as JsonArray ?? []).Select(k => Text(k)).OfType<string>().ToList(),
            Category = Text(micro["category"]),
            IsLive = isLive,
            // YouTube marks no short in the player response; a vertical video of three minutes or less is one.
            IsShort = !isLive && duration is > 0 and <= 180 && video.Count > 0 && video.All(f => f.Height > f.Width),
            Captions = captions,
            CaptionTranslations = translations,
            Chapters = Chapters(description, duration),
            ExpiresAt = expiresAt,
        };
    }

    public static string? HlsManifestUrl(JsonObject response) => Text(response["streamingData"]?["hlsManifestUrl"]);

    public static string? DashManifestUrl(JsonObject response) => Text(response["streamingData"]?["dashManifestUrl"]);

    /// <summary>Chapters as creators write them in descriptions: lines starting with a timestamp, the first at 0:00.</summary>
    internal static IReadOnlyList<Chapter> Chapters(string? description, double? duration)
    {
        if (description is null)
        {
            return [];
        }
        var starts = ChapterLine().Matches(description)
            .Select(m => (Start: Seconds(m.Groups[1].Value), Title: m.Groups[2].Value.Trim()))
            .ToList();
        if (starts.Count < 2 || starts[0].Start != 0)
        {
            return [];
        }
        return starts.Select((c, i) => new Chapter(c.Title, c.Start, i + 1 < starts.Count ? starts[i + 1].Start : duration)).ToList();
    }

    private static double Seconds(string timestamp) =>
        timestamp.Split(':').Aggregate(0d, (total, part) => total * 60 + int.Parse(part, CultureInfo.InvariantCulture));

    private static string Scheduled(JsonObject response, JsonObject? playability, string reason)
    {
        var start = Text(playability?["liveStreamability"]?["liveStreamabilityRenderer"]?["offlineSlate"]?["liveStreamOfflineSlateRenderer"]?["scheduledStartTime"])
                    ?? Text(response["microformat"]?["playerMicroformatRenderer"]?["liveBroadcastDetails"]?["startTimestamp"]);
        if (long.TryParse(start, CultureInfo.InvariantCulture, out var unix))
        {
            return $"This live stream has not started; it is scheduled for {DateTimeOffset.FromUnixTimeSeconds(unix):yyyy-MM-ddTHH:mm:ssZ}.";
        }
        return DateTimeOffset.TryParse(start, CultureInfo.InvariantCulture, out var at)
            ? $"This live stream has not started; it is scheduled for {at.ToUniversalTime():yyyy-MM-ddTHH:mm:ssZ}."
            : $"This live stream is offline{(reason.Length > 0 ? ": " + reason : ".")}";
    }

    private static string TrackKind(string? displayName, bool isDefault) =>
        displayName?.Contains("descriptive", StringComparison.OrdinalIgnoreCase) == true ? "descriptive"
        : isDefault ? "default"
        : displayName?.Contains("original", StringComparison.OrdinalIgnoreCase) == true ? "original"
        : "dubbed";

    private static string ContainerOf(string mime, bool audioOnly) =>
        (mime.Split(';')[0].Split('/').ElementAtOrDefault(1)) switch
        {
            "mp4" when audioOnly => "m4a",
            "3gpp" => "3gp",
            { Length: > 0 } container => container,
            _ => "mp4",
        };

    private static string[] CodecsOf(string mime)
    {
        var match = CodecsPattern().Match(mime);
        return match.Success ? match.Groups[1].Value.Split(',', StringSplitOptions.TrimEntries) : [];
    }

    private static bool Has(string text, params string[] needles) =>
        needles.Any(n => text.Contains(n, StringComparison.OrdinalIgnoreCase));

    private static string First(params string[] values) => values.FirstOrDefault(v => v.Length > 0) ?? "";

    private static int? Int(JsonNode? node) => int.TryParse(Text(node), CultureInfo.InvariantCulture, out var value) ? value : null;

    /// <summary>InnerTube's <c>{"start":"0","end":"740"}</c> as <c>0-740</c>.</summary>
    private static string? RangeOf(JsonNode? node) =>
        Long(node?["start"]) is { } start && Long(node?["end"]) is { } end && end >= start ? $"{start}-{end}" : null;

    private static long? Long(JsonNode? node) => long.TryParse(Text(node), CultureInfo.InvariantCulture, out var value) ? value : null;

    private static double? Double(JsonNode? node) => double.TryParse(Text(node), CultureInfo.InvariantCulture, out var value) ? value : null;

    [GeneratedRegex(@"codecs=""([^""]*)""")]
    private static partial Regex CodecsPattern();

    [GeneratedRegex(@"^\s*((?:\d{1,2}:)?\d{1,2}:\d{2})\s+[-–—:]?\s*(.+)$", RegexOptions.Multiline)]
    private static partial Regex ChapterLine();
}
