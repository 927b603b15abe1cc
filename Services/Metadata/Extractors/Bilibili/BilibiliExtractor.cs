using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using VideoPlatform.Contracts;
using VideoPlatform.Contracts.Metadata;
using VideoPlatform.Metadata.Captions;

namespace VideoPlatform.Metadata.Extractors.Bilibili;

/// <summary>
/// BiliBili videos: details from the view API, formats from the play-URL API — DASH video in
/// AVC, HEVC and AV1 with its audio, plus the progressive html5 MP4 that a player can be sent to
/// directly. CDN fetches need BiliBili's Referer and a browser User-Agent; each format says so.
/// </summary>
public sealed class BilibiliExtractor(BilibiliClient bilibili, IOptions<BilibiliOptions> options) : IVideoExtractor, ICaptionReader
{
    private static readonly Dictionary<int, string> Qualities = new()
    {
        [6] = "240P",
        [16] = "360P",
        [32] = "480P",
        [64] = "720P",
        [74] = "720P60",
        [80] = "1080P",
        [100] = "1080P (AI)",
        [112] = "1080P+",
        [116] = "1080P60",
        [120] = "4K",
        [125] = "HDR",
        [126] = "Dolby Vision",
        [127] = "8K",
        [129] = "HDR Vivid",
    };

    private static readonly Dictionary<int, string> AudioQualities = new()
    {
        [30216] = "64K",
        [30232] = "132K",
        [30280] = "192K",
        [30250] = "Dolby Atmos",
        [30251] = "Hi-Res",
    };

    public PlatformInfo Platform { get; } = new(
        "bilibili", "BiliBili",
        ["bilibili.com", "www.bilibili.com", "m.bilibili.com", "b23.tv"],
        ["https://www.bilibili.com/video/{BV…}", "https://www.bilibili.com/video/{BV…}?p=2", "https://www.bilibili.com/video/av{number}", "{BV…}_p{N}", "https://b23.tv/{code}", "https://space.bilibili.com/{mid}/lists/{season_id}?type=season", "https://www.bilibili.com/bangumi/play/ep{N}", "https://www.bilibili.com/bangumi/play/ss{N}"],
        ["info", "formats", "dash", "multi_part", "short_links", "playlists", "captions", "bangumi"],
        "supported");

    public bool TryResolve(Uri url, out ResolvedUrl resolved) => BilibiliIds.TryResolve(url, out resolved);

    public bool IsValidVideoId(string videoId) => BilibiliIds.TryParse(videoId, out _, out _) || BilibiliIds.TryParseEpisode(videoId, out _);

    public Task<VideoInfo> GetVideoAsync(string videoId, CancellationToken cancellationToken) =>
        DescribeAsync(videoId, withCaptions: true, cancellationToken);

    private async Task<VideoInfo> DescribeAsync(string videoId, bool withCaptions, CancellationToken cancellationToken)
    {
        if (BilibiliIds.TryParseEpisode(videoId, out var episodeId))
        {
            return await DescribeEpisodeAsync(videoId, episodeId, cancellationToken);
        }
        if (!BilibiliIds.TryParse(videoId, out var bvid, out var part))
        {
            throw new ProblemException(ErrorCodes.InvalidVideoId, $"'{videoId}' is not a BiliBili video id.");
        }
        var view = await bilibili.GetViewAsync(bvid, cancellationToken);
        // A bangumi episode also has a BV id, whose view only points at the episode's page.
        if (view["redirect_url"]?.GetValue<string>() is { } redirect && Uri.TryCreate(redirect, UriKind.Absolute, out var target)
            && BilibiliIds.TryResolve(target, out var episode) && BilibiliIds.TryParseEpisode(episode.Id, out var redirectedEpisode))
        {
            return await DescribeEpisodeAsync(videoId, redirectedEpisode, cancellationToken);
        }
        var (page, formats, expires, captions) = await ExtractAsync(view, bvid, part, withCaptions, cancellationToken);
        var owner = view["owner"] as JsonObject;
        var stat = view["stat"] as JsonObject;
        var parts = view["pages"] as JsonArray ?? [];
        var title = view["title"]?.GetValue<string>() ?? videoId;
        var mid = owner?["mid"]?.ToString();
        return new VideoInfo
        {
            Id = videoId,
            Platform = "bilibili",
            Title = parts.Count > 1 ? $"{title} (P{page["page"]} {page["part"]})" : title,
            Description = view["desc"]?.GetValue<string>(),
            Duration = page["duration"]?.GetValue<double>() ?? view["duration"]?.GetValue<double>(),
            Thumbnail = BilibiliUrls.Https(view["pic"]?.GetValue<string>()),
            Uploader = owner?["name"]?.GetValue<string>(),
            ChannelId = mid,
            ChannelUrl = mid is null ? null : $"https://space.bilibili.com/{mid}",
            ViewCount = stat?["view"]?.GetValue<long>(),
            LikeCount = stat?["like"]?.GetValue<long>(),
            UploadDate = view["pubdate"]?.GetValue<long>() is { } pubdate
                ? DateTimeOffset.FromUnixTimeSeconds(pubdate).ToOffset(TimeSpan.FromHours(8)).ToString("yyyyMMdd", CultureInfo.InvariantCulture)
                : null,
            Category = view["tname"]?.GetValue<string>(),
            Thumbnails = BilibiliUrls.Https(view["pic"]?.GetValue<string>()) is { } pic ? [new Thumbnail(pic, null, null)] : [],
            Chapters = parts.Count > 1
                ? parts.OfType<JsonObject>().Select(p => new Chapter($"P{p["page"]} {p["part"]}", 0, p["duration"]?.GetValue<double>())).ToList()
                : [],
            Formats = formats,
            Captions = captions,
            ExpiresAt = expires,
        };
    }

    public async Task<FormatList> GetFormatsAsync(string videoId, CancellationToken cancellationToken) =>
        (await DescribeAsync(videoId, withCaptions: false, cancellationToken)).ToFormatList();

    private async Task<(JsonObject Page, List<VideoFormat> Formats, DateTimeOffset? Expires, IReadOnlyList<CaptionTrack> Captions)> ExtractAsync(
        JsonObject view, string bvid, int part, bool withCaptions, CancellationToken cancellationToken)
    {
        var pages = (view["pages"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        var page = pages.FirstOrDefault(p => p["page"]?.GetValue<int>() == part)
                   ?? (part == 1 && pages.Count == 0 ? new JsonObject { ["cid"] = view["cid"]?.GetValue<long>(), ["page"] = 1 } : null)
                   ?? throw new ProblemException(ErrorCodes.VideoUnavailable, $"{bvid} has {pages.Count} parts; there is no part {part}.");
        var cid = page["cid"]?.GetValue<long>() ?? throw new ProblemException(ErrorCodes.UpstreamUnavailable, "BiliBili gave no cid for this part.");

        var dash = await bilibili.GetPlayUrlAsync(bvid, cid, progressive: false, cancellationToken);
        // The signing keys are cached by now, so the calls left can run side by side.
        var captions = withCaptions ? TryCaptionsAsync(bvid, cid, cancellationToken) : Task.FromResult<IReadOnlyList<CaptionTrack>>([]);
        var dubs = BilibiliDubs.Languages(dash).Select(track => TryDubAsync(bvid, cid, track, cancellationToken)).ToList();
        var formats = new List<VideoFormat>();
        formats.AddRange(Progressive(await TryProgressiveAsync(bvid, cid, cancellationToken)));
        formats.AddRange(DashVideo(dash));
        formats.AddRange(DashAudio(dash, dubs.Count > 0 ? BilibiliDubs.Original : null));
        foreach (var (track, play) in await Task.WhenAll(dubs))
        {
            formats.AddRange(DashAudio(play, track));
        }
        formats.AddRange(Progressive(dash));

        return (page, formats.DistinctBy(f => (f.FormatId, f.Url)).ToList(), Expiry(formats), await captions);
    }

    /// <summary>When the first of the formats' URLs stops working (their <c>deadline</c>).</summary>
    private static DateTimeOffset? Expiry(IEnumerable<VideoFormat> formats) => formats
        .Select(f => QueryHelpers.ParseQuery(new Uri(f.Url).Query).TryGetValue("deadline", out var d) && long.TryParse(d, out var unix) ? DateTimeOffset.FromUnixTimeSeconds(unix) : (DateTimeOffset?)null)
        .Where(d => d is not null)
        .Min();

    /// <summary>
    /// A bangumi episode: its season from the PGC view API, its streams from the PGC play-URL API.
    /// Region locks and members-only or paid episodes come back as <c>-10403</c>; a members-only
    /// episode asked for anonymously may instead come back as a few minutes' preview, which is not
    /// the episode and is refused the same way.
    /// </summary>
    private async Task<VideoInfo> DescribeEpisodeAsync(string videoId, long episodeId, CancellationToken cancellationToken)
    {
        var season = await bilibili.GetBangumiSeasonAsync(episodeId, null, cancellationToken);
        var episode = BangumiSeason.Episodes(season).FirstOrDefault(e => e["id"]?.GetValue<long>() == episodeId)
                      ?? throw new ProblemException(ErrorCodes.VideoUnavailable, $"BiliBili's season {season["season_id"]} has no episode {episodeId}.");
        var cid = episode["cid"]?.GetValue<long>() ?? throw new ProblemException(ErrorCodes.UpstreamUnavailable, "BiliBili gave no cid for this episode.");
        var play = await bilibili.GetBangumiPlayUrlAsync(episodeId, cid, cancellationToken);
        if (play["is_preview"]?.GetValue<int>() == 1)
        {
            throw new ProblemException(ErrorCodes.PaymentRequired,
                $"BiliBili offers only a preview of this episode ({episode["badge"]?.GetValue<string>()}): it is for paying members (大会员) or must be bought; a member's cookies (Platforms:Bilibili:Cookies) would unlock it.");
        }
        var formats = Dash(play).Concat(Progressive(play)).DistinctBy(f => (f.FormatId, f.Url)).ToList();
        var cover = BilibiliUrls.Https(episode["cover"]?.GetValue<string>() ?? season["cover"]?.GetValue<string>());
        var mid = season["up_info"]?["mid"]?.ToString();
        return new VideoInfo
        {
            Id = videoId,
            Platform = "bilibili",
            Title = $"{season["season_title"]?.GetValue<string>() ?? season["title"]?.GetValue<string>()} {BangumiSeason.EpisodeTitle(episode)}".Trim(),
            Description = season["evaluate"]?.GetValue<string>(),
            Duration = BangumiSeason.Duration(episode) ?? play["timelength"]?.GetValue<double>() / 1000,
            Thumbnail = cover,
            Thumbnails = cover is null ? [] : [new Thumbnail(cover, null, null)],
            Uploader = season["up_info"]?["uname"]?.GetValue<string>(),
            ChannelId = mid,
            ChannelUrl = mid is null ? null : $"https://space.bilibili.com/{mid}",
            ViewCount = season["stat"]?["views"]?.GetValue<long>(),
            LikeCount = season["stat"]?["likes"]?.GetValue<long>(),
            UploadDate = episode["pub_time"]?.GetValue<long>() is { } published and > 0
                ? DateTimeOffset.FromUnixTimeSeconds(published).ToOffset(TimeSpan.FromHours(8)).ToString("yyyyMMdd", CultureInfo.InvariantCulture)
                : null,
            Category = BangumiSeason.Category(season),
            Formats = formats,
            ExpiresAt = Expiry(formats),
        };
    }

    /// <summary>
    /// The part's subtitles from the player API. Speech-recognition tracks (<c>lan</c> <c>ai-zh</c>,
    /// type 1) are marked auto-generated under their plain language code, so <c>?auto=true</c> picks
    /// them as it does YouTube's; BiliBili lists them only to logged-in sessions. Subtitles are a
    /// bonus: when the player API refuses, the video still stands.
    /// </summary>
    private async Task<IReadOnlyList<CaptionTrack>> TryCaptionsAsync(string bvid, long cid, CancellationToken cancellationToken)
    {
        JsonObject player;
        try
        {
            player = await bilibili.GetPlayerAsync(bvid, cid, cancellationToken);
        }
        catch (ProblemException)
        {
            return [];
        }
        return (player["subtitle"]?["subtitles"] as JsonArray ?? []).OfType<JsonObject>()
            .Select(s =>
            {
                var lan = s["lan"]?.GetValue<string>() ?? "";
                var ai = lan.StartsWith("ai-", StringComparison.Ordinal) || s["type"]?.GetValue<int>() == 1;
                return new CaptionTrack(
                    ai && lan.StartsWith("ai-", StringComparison.Ordinal) ? lan[3..] : lan,
                    s["lan_doc"]?.GetValue<string>() ?? lan,
                    ai,
                    false,
                    SubtitleUrl(s["subtitle_url"]?.GetValue<string>()));
            })
            .Where(t => t.LanguageCode.Length > 0 && !string.IsNullOrEmpty(t.Url))
            .ToList();
    }

    /// <summary>Protocol-relative and plain-http addresses on BiliBili's hosts become https; any other is kept as given, to be judged when fetched.</summary>
    private static string? SubtitleUrl(string? url) =>
        url is not null && (url.StartsWith("//", StringComparison.Ordinal) || Uri.TryCreate(url, UriKind.Absolute, out var u) && u.Host.EndsWith(".hdslb.com", StringComparison.OrdinalIgnoreCase))
            ? BilibiliUrls.Https(url)
            : url;

    public async Task<IReadOnlyList<CaptionCue>> ReadCuesAsync(CaptionTrack track, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(track.Url, UriKind.Absolute, out var url))
        {
            throw new ProblemException(ErrorCodes.UpstreamUnavailable, "BiliBili gave no address for this subtitle track.");
        }
        var subtitle = await bilibili.GetSubtitleAsync(url, cancellationToken);
        return (subtitle["body"] as JsonArray ?? []).OfType<JsonObject>()
            .Select(line => new CaptionCue(
                line["from"]?.GetValue<double>() ?? 0,
                line["to"]?.GetValue<double>() ?? 0,
                (line["content"]?.GetValue<string>() ?? "").Trim()))
            .Where(cue => cue.Text.Length > 0)
            .OrderBy(cue => cue.Start)
            .ToList();
    }

    /// <summary>The html5 MP4 is a bonus: when BiliBili will not give it, the DASH formats still stand.</summary>
    private async Task<JsonObject?> TryProgressiveAsync(string bvid, long cid, CancellationToken cancellationToken)
    {
        try
        {
            return await bilibili.GetPlayUrlAsync(bvid, cid, progressive: true, cancellationToken);
        }
        catch (ProblemException ex) when (ex.Code is ErrorCodes.UpstreamUnavailable or ErrorCodes.LoginRequired)
        {
            return null;
        }
    }

    /// <summary>
    /// One AI dub's audio (the play-URL answer with <c>cur_language</c>), or none when BiliBili will
    /// not give it: the original audio still stands.
    /// </summary>
    private async Task<(AudioTrack Track, JsonObject? Play)> TryDubAsync(string bvid, long cid, AudioTrack track, CancellationToken cancellationToken)
    {
        try
        {
            return (track, await bilibili.GetPlayUrlAsync(bvid, cid, progressive: false, cancellationToken, track.Language));
        }
        catch (ProblemException)
        {
            return (track, null);
        }
    }

    private IEnumerable<VideoFormat> Dash(JsonObject play) => DashVideo(play).Concat(DashAudio(play, null));

    private IEnumerable<VideoFormat> DashVideo(JsonObject play)
    {
        var dash = play["dash"] as JsonObject;
        var headers = Headers();
        foreach (var video in (dash?["video"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var qn = video["id"]?.GetValue<int>() ?? 0;
            var codecs = video["codecs"]?.GetValue<string>() ?? "";
            yield return new VideoFormat
            {
                FormatId = $"{qn}-{CodecFamily(codecs, video["codecid"]?.GetValue<int>())}",
                Url = Url(video),
                Ext = "mp4",
                MimeType = video["mimeType"]?.GetValue<string>() ?? video["mime_type"]?.GetValue<string>(),
                Vcodec = codecs,
                Acodec = "none",
                Width = video["width"]?.GetValue<int>(),
                Height = video["height"]?.GetValue<int>(),
                Fps = double.TryParse(video["frameRate"]?.GetValue<string>() ?? video["frame_rate"]?.GetValue<string>(), CultureInfo.InvariantCulture, out var fps) ? fps : null,
                Bitrate = video["bandwidth"]?.GetValue<long>(),
                InitRange = (video["SegmentBase"]?["Initialization"] ?? video["segment_base"]?["initialization"])?.GetValue<string>(),
                IndexRange = (video["SegmentBase"]?["indexRange"] ?? video["segment_base"]?["index_range"])?.GetValue<string>(),
                QualityLabel = Qualities.GetValueOrDefault(qn, $"{video["height"]}P"),
                HasVideo = true,
                Protocol = "https",
                HttpHeaders = headers,
            };
        }
    }

    /// <summary>The audio streams of a play-URL answer; <paramref name="track"/> says which language they speak when the video has AI dubs.</summary>
    private IEnumerable<VideoFormat> DashAudio(JsonObject? play, AudioTrack? track)
    {
        var dash = play?["dash"] as JsonObject;
        var headers = Headers();
        var audios = (dash?["audio"] as JsonArray ?? []).OfType<JsonObject>()
            .Concat((dash?["dolby"]?["audio"] as JsonArray ?? []).OfType<JsonObject>())
            .Concat(dash?["flac"]?["audio"] is JsonObject flac ? [flac] : []);
        foreach (var audio in audios)
        {
            var id = audio["id"]?.GetValue<int>() ?? 0;
            yield return new VideoFormat
            {
                FormatId = id.ToString(CultureInfo.InvariantCulture),
                Url = Url(audio),
                Ext = "m4a",
                MimeType = audio["mimeType"]?.GetValue<string>() ?? audio["mime_type"]?.GetValue<string>(),
                Vcodec = "none",
                Acodec = audio["codecs"]?.GetValue<string>() ?? "mp4a.40.2",
                Bitrate = audio["bandwidth"]?.GetValue<long>(),
                InitRange = (audio["SegmentBase"]?["Initialization"] ?? audio["segment_base"]?["initialization"])?.GetValue<string>(),
                IndexRange = (audio["SegmentBase"]?["indexRange"] ?? audio["segment_base"]?["index_range"])?.GetValue<string>(),
                QualityLabel = AudioQualities.GetValueOrDefault(id),
                AudioTrack = track,
                HasAudio = true,
                Protocol = "https",
                HttpHeaders = headers,
            };
        }
    }

    private IEnumerable<VideoFormat> Progressive(JsonObject? play)
    {
        if (play?["durl"] is not JsonArray { Count: > 0 } parts)
        {
            yield break;
        }
        var qn = play["quality"]?.GetValue<int>() ?? 0;
        var isHtml5 = (play["format"]?.GetValue<string>() ?? "").StartsWith("mp4", StringComparison.Ordinal);
        var first = (JsonObject)parts[0]!;
        var height = Qualities.GetValueOrDefault(qn) is { } label && int.TryParse(new string(label.TakeWhile(char.IsDigit).ToArray()), out var h) ? h : (int?)null;
        yield return new VideoFormat
        {
            FormatId = $"durl-{qn}",
            Url = Url(first),
            Ext = isHtml5 ? "mp4" : "flv",
            MimeType = isHtml5 ? "video/mp4" : "video/x-flv",
            // The progressive form is H.264 with AAC.
            Vcodec = "avc1",
            Acodec = "mp4a.40.2",
            Height = height,
            Width = height * 16 / 9,
            Filesize = first["size"]?.GetValue<long>(),
            QualityLabel = Qualities.GetValueOrDefault(qn),
            HasVideo = true,
            HasAudio = true,
            Protocol = "https",
            // html5 MP4s are not Referer-checked, so a player can be sent straight to them.
            HttpHeaders = isHtml5 ? new Dictionary<string, string>() : Headers(),
        };
    }

    private Dictionary<string, string> Headers() => new()
    {
        ["Referer"] = options.Value.Referer,
        ["User-Agent"] = options.Value.UserAgent,
    };

    private static string Url(JsonObject node) =>
        BilibiliUrls.Https(node["baseUrl"]?.GetValue<string>() ?? node["base_url"]?.GetValue<string>() ?? node["url"]?.GetValue<string>())
        ?? throw new ProblemException(ErrorCodes.UpstreamUnavailable, "BiliBili gave a stream without a URL.");

    private static string CodecFamily(string codecs, int? codecId) =>
        codecId switch { 7 => "avc", 12 => "hevc", 13 => "av1", _ => codecs.StartsWith("hev", StringComparison.Ordinal) || codecs.StartsWith("hvc", StringComparison.Ordinal) ? "hevc" : codecs.StartsWith("av01", StringComparison.Ordinal) ? "av1" : "avc" };
}
