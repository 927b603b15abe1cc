using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using VideoPlatform.Contracts;
using VideoPlatform.Contracts.Metadata;

namespace VideoPlatform.Metadata.Extractors.Twitch;

/// <summary>
/// Twitch VODs (HLS, one format per rendition of the master playlist) and clips (progressive MP4
/// per quality), from the public GraphQL endpoint.
/// </summary>
public sealed class TwitchExtractor(TwitchGqlClient twitch) : IVideoExtractor
{
    public PlatformInfo Platform { get; } = new(
        "twitch", "Twitch",
        ["twitch.tv", "www.twitch.tv", "m.twitch.tv", "clips.twitch.tv", "player.twitch.tv"],
        ["https://www.twitch.tv/videos/{id}", "https://www.twitch.tv/{channel}/clip/{slug}", "https://clips.twitch.tv/{slug}"],
        ["info", "formats", "hls"],
        "supported");

    public bool TryResolve(Uri url, out ResolvedUrl resolved) => TwitchIds.TryResolve(url, out resolved);

    public bool IsValidVideoId(string videoId) => TwitchIds.IsVod(videoId) || TwitchIds.IsClip(videoId);

    public async Task<VideoInfo> GetVideoAsync(string videoId, CancellationToken cancellationToken)
    {
        var (info, hls) = await ExtractAsync(videoId, cancellationToken);
        return info with { HlsManifestUrl = hls };
    }

    public async Task<FormatList> GetFormatsAsync(string videoId, CancellationToken cancellationToken) =>
        (await GetVideoAsync(videoId, cancellationToken)).ToFormatList();

    private Task<(VideoInfo Info, string? Hls)> ExtractAsync(string id, CancellationToken cancellationToken) =>
        TwitchIds.IsVod(id) ? ExtractVodAsync(id, cancellationToken) : ExtractClipAsync(id, cancellationToken);

    private async Task<(VideoInfo, string?)> ExtractVodAsync(string id, CancellationToken cancellationToken)
    {
        var data = await twitch.GetVodAsync(id, cancellationToken);
        if (data?["video"] is not JsonObject video)
        {
            throw new ProblemException(ErrorCodes.VideoUnavailable, $"Twitch has no VOD {id} (deleted, expired or never existed).");
        }
        if (data["videoPlaybackAccessToken"] is not JsonObject token
            || token["value"]?.GetValue<string>() is not { } value || token["signature"]?.GetValue<string>() is not { } signature)
        {
            throw new ProblemException(ErrorCodes.LoginRequired, "Twitch gave no playback token for this VOD.");
        }

        var master = twitch.VodPlaylistUrl(id, value, signature);
        var variants = HlsVariant.ParseMaster(await twitch.GetPlaylistAsync(master, cancellationToken), master);
        var formats = variants.Select(v => new VideoFormat
        {
            FormatId = v.Name is { } name ? name.Replace(" (source)", "", StringComparison.Ordinal).Replace(' ', '_') : $"hls-{v.Bandwidth}",
            Url = v.Url.ToString(),
            Ext = "mp4",
            MimeType = "application/x-mpegURL",
            Protocol = "hls",
            Width = v.Width,
            Height = v.Height,
            Fps = v.FrameRate,
            Bitrate = v.Bandwidth,
            QualityLabel = v.Name,
            Vcodec = Codec(v.Codecs, video: true) ?? (v.Height is null ? "none" : "avc1"),
            Acodec = Codec(v.Codecs, video: false) ?? "mp4a.40.2",
            HasVideo = v.Height is not null,
            HasAudio = true,
        }).ToList();

        return (Describe(id, video, "owner", "lengthSeconds", "previewThumbnailURL") with
        {
            Description = Text(video, "description"),
            Formats = formats,
            ExpiresAt = TokenExpiry(value),
        }, master.ToString());
    }

    private async Task<(VideoInfo, string?)> ExtractClipAsync(string slug, CancellationToken cancellationToken)
    {
        var data = await twitch.GetClipAsync(slug, cancellationToken);
        if (data?["clip"] is not JsonObject clip)
        {
            throw new ProblemException(ErrorCodes.VideoUnavailable, $"Twitch has no clip '{slug}'.");
        }
        var token = clip["playbackAccessToken"] as JsonObject;
        var value = token?["value"]?.GetValue<string>();
        var signature = token?["signature"]?.GetValue<string>();
        if (value is null || signature is null)
        {
            throw new ProblemException(ErrorCodes.LoginRequired, "Twitch gave no playback token for this clip.");
        }

        var formats = (clip["videoQualities"] as JsonArray ?? [])
            .OfType<JsonObject>()
            .Select(q =>
            {
                var height = int.TryParse(Text(q, "quality"), CultureInfo.InvariantCulture, out var h) ? h : (int?)null;
                return new VideoFormat
                {
                    FormatId = $"{height}p",
                    Url = $"{Text(q, "sourceURL")}?sig={Uri.EscapeDataString(signature)}&token={Uri.EscapeDataString(value)}",
                    Ext = "mp4",
                    MimeType = "video/mp4",
                    // Twitch encodes clips as H.264 with AAC, progressive MP4.
                    Vcodec = "avc1",
                    Acodec = "mp4a.40.2",
                    Height = height,
                    Width = height * 16 / 9,
                    Fps = q["frameRate"]?.GetValue<double>(),
                    QualityLabel = $"{height}p",
                    HasVideo = true,
                    HasAudio = true,
                };
            })
            .OrderByDescending(f => f.Height)
            .ToList();

        return (Describe(slug, clip, "broadcaster", "durationSeconds", "thumbnailURL") with
        {
            Formats = formats,
            ExpiresAt = TokenExpiry(value),
        }, null);
    }

    /// <summary>What VODs and clips describe alike: title, length, channel, views, date, game.</summary>
    private static VideoInfo Describe(string id, JsonObject node, string channelKey, string durationKey, string thumbnailKey)
    {
        var channel = node[channelKey] as JsonObject;
        return new VideoInfo
        {
            Id = id,
            Platform = "twitch",
            Title = Text(node, "title") ?? id,
            Duration = node[durationKey]?.GetValue<double>(),
            Thumbnail = Text(node, thumbnailKey),
            Uploader = channel is null ? null : Text(channel, "displayName"),
            ChannelId = channel is null ? null : Text(channel, "id"),
            ChannelUrl = channel is null ? null : $"https://www.twitch.tv/{Text(channel, "login")}",
            ViewCount = node["viewCount"]?.GetValue<long>(),
            UploadDate = Date(Text(node, "createdAt")),
            Category = node["game"] is JsonObject game ? Text(game, "name") : null,
        };
    }

    private static string? Text(JsonObject node, string name) => node[name]?.GetValue<string>();

    private static string? Date(string? iso) =>
        DateTimeOffset.TryParse(iso, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date)
            ? date.ToString("yyyyMMdd", CultureInfo.InvariantCulture)
            : null;

    /// <summary>The token's value is JSON carrying its own <c>expires</c> (Unix seconds).</summary>
    private static DateTimeOffset? TokenExpiry(string token)
    {
        try
        {
            return JsonNode.Parse(token)?["expires"]?.GetValue<long>() is { } expires ? DateTimeOffset.FromUnixTimeSeconds(expires) : null;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }

    private static string? Codec(string? codecs, bool video) =>
        codecs?.Split(',', StringSplitOptions.TrimEntries)
            .FirstOrDefault(c => video ? c.StartsWith("avc", StringComparison.Ordinal) || c.StartsWith("hvc", StringComparison.Ordinal) || c.StartsWith("av01", StringComparison.Ordinal)
                                       : c.StartsWith("mp4a", StringComparison.Ordinal));
}
