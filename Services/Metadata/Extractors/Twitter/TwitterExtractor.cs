using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using VideoPlatform.Contracts;
using VideoPlatform.Contracts.Metadata;

namespace VideoPlatform.Metadata.Extractors.Twitter;

/// <summary>
/// Video tweets from the public syndication endpoint that embedded tweets use: no login, the
/// MP4 renditions and the HLS playlist of the tweet's first video.
/// </summary>
public sealed partial class TwitterExtractor(IHttpClientFactory clients, IOptions<TwitterOptions> options) : IVideoExtractor
{
    public PlatformInfo Platform { get; } = new(
        "twitter", "Twitter / X",
        ["twitter.com", "x.com", "mobile.twitter.com", "mobile.x.com"],
        ["https://x.com/{user}/status/{id}", "https://twitter.com/{user}/status/{id}"],
        ["info", "formats"],
        "supported");

    public bool TryResolve(Uri url, out ResolvedUrl resolved)
    {
        resolved = null!;
        var host = url.Host.ToLowerInvariant();
        if (!Platform.Hosts.Contains(host.StartsWith("www.", StringComparison.Ordinal) ? host[4..] : host))
        {
            return false;
        }
        var match = StatusPath().Match(url.AbsolutePath);
        if (!match.Success)
        {
            return false;
        }
        resolved = new ResolvedUrl("twitter", "video", match.Groups[1].Value);
        return true;
    }

    public bool IsValidVideoId(string videoId) => TweetId().IsMatch(videoId);

    public async Task<VideoInfo> GetVideoAsync(string videoId, CancellationToken cancellationToken)
    {
        var tweet = await FetchAsync(videoId, cancellationToken);
        var media = (tweet["mediaDetails"] as JsonArray ?? [])
            .OfType<JsonObject>()
            .FirstOrDefault(m => m["type"]?.GetValue<string>() is "video" or "animated_gif")
            ?? throw new ProblemException(ErrorCodes.NoMatchingFormat, $"Tweet {videoId} has no video.");
        var videoInfo = media["video_info"] as JsonObject;
        var user = tweet["user"] as JsonObject;
        var screenName = user?["screen_name"]?.GetValue<string>();

        var formats = Formats(videoInfo);
        return new VideoInfo
        {
            Id = videoId,
            Platform = "twitter",
            Title = Shorten(tweet["text"]?.GetValue<string>()) ?? $"Tweet {videoId}",
            Description = tweet["text"]?.GetValue<string>(),
            Duration = videoInfo?["duration_millis"]?.GetValue<double>() / 1000,
            Thumbnail = media["media_url_https"]?.GetValue<string>(),
            Uploader = user?["name"]?.GetValue<string>(),
            ChannelId = user?["id_str"]?.GetValue<string>(),
            ChannelUrl = screenName is null ? null : $"https://x.com/{screenName}",
            LikeCount = tweet["favorite_count"]?.GetValue<long>(),
            UploadDate = DateTimeOffset.TryParse(tweet["created_at"]?.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var created)
                ? created.ToString("yyyyMMdd", CultureInfo.InvariantCulture)
                : null,
            Formats = formats,
            HlsManifestUrl = formats.FirstOrDefault(f => f.Protocol == "hls")?.Url,
        };
    }

    public async Task<FormatList> GetFormatsAsync(string videoId, CancellationToken cancellationToken) =>
        (await GetVideoAsync(videoId, cancellationToken)).ToFormatList();

    private async Task<JsonObject> FetchAsync(string id, CancellationToken cancellationToken)
    {
        var url = new Uri(options.Value.SyndicationUrl, $"/tweet-result?id={id}&lang=en&token={SyndicationToken.For(id)}");
        using var response = await clients.CreateClient(nameof(TwitterExtractor)).GetAsync(url, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            throw new ProblemException(ErrorCodes.VideoUnavailable, $"Tweet {id} does not exist or was deleted.");
        }
        response.EnsureUpstreamAnswered("Twitter's syndication endpoint");

        JsonObject? tweet;
        try
        {
            tweet = await response.Content.ReadFromJsonAsync<JsonObject>(cancellationToken);
        }
        catch (JsonException ex)
        {
            throw new ProblemException(ErrorCodes.UpstreamUnavailable, "Twitter answered something that is not JSON.", ex);
        }

        return tweet?["__typename"]?.GetValue<string>() switch
        {
            "Tweet" => tweet,
            "TweetTombstone" => throw Tombstone(id, tweet!),
            _ when tweet is not null && tweet.Count > 0 && tweet.ContainsKey("id_str") => tweet,
            _ => throw new ProblemException(ErrorCodes.VideoUnavailable, $"Tweet {id} is not available."),
        };
    }

    /// <summary>A withheld tweet says why in its tombstone text: adult content needs a logged-in, age-verified account.</summary>
    private static ProblemException Tombstone(string id, JsonObject tweet)
    {
        var text = tweet["tombstone"]?["text"]?["text"]?.GetValue<string>() ?? "";
        return text.Contains("age", StringComparison.OrdinalIgnoreCase) || text.Contains("adult", StringComparison.OrdinalIgnoreCase)
            ? new ProblemException(ErrorCodes.AgeRestricted, $"Tweet {id} is age-restricted: Twitter shows it only to logged-in, age-verified accounts.")
            : new ProblemException(ErrorCodes.VideoUnavailable, $"Tweet {id} is unavailable: {text}".TrimEnd(' ', ':'));
    }

    private static List<VideoFormat> Formats(JsonObject? videoInfo) =>
        (videoInfo?["variants"] as JsonArray ?? [])
            .OfType<JsonObject>()
            .Select(v =>
            {
                var url = v["url"]?.GetValue<string>() ?? "";
                var type = v["content_type"]?.GetValue<string>() ?? "";
                var size = Resolution().Match(url);
                int? width = size.Success ? int.Parse(size.Groups[1].Value, CultureInfo.InvariantCulture) : null;
                int? height = size.Success ? int.Parse(size.Groups[2].Value, CultureInfo.InvariantCulture) : null;
                var hls = type.Contains("mpegurl", StringComparison.OrdinalIgnoreCase);
                return new VideoFormat
                {
                    FormatId = hls ? "hls" : $"http-{(v["bitrate"]?.GetValue<long>() ?? 0) / 1000}",
                    Url = url,
                    Ext = "mp4",
                    MimeType = type,
                    Protocol = hls ? "hls" : "https",
                    // Twitter serves H.264 with AAC in every rendition.
                    Vcodec = "avc1",
                    Acodec = "mp4a.40.2",
                    Width = width,
                    Height = height,
                    Bitrate = v["bitrate"]?.GetValue<long>(),
                    QualityLabel = height is null ? null : $"{height}p",
                    HasVideo = true,
                    HasAudio = true,
                };
            })
            .OrderBy(f => f.Protocol == "hls")
            .ThenByDescending(f => f.Bitrate)
            .ToList();

    private static string? Shorten(string? text) =>
        text is null ? null : text.Length <= 100 ? text : text[..100] + "…";

    [GeneratedRegex(@"^/(?:(?:[A-Za-z0-9_]{1,15}|i(?:/web)?)/status(?:es)?)/([0-9]{1,20})(?:/|$)")]
    private static partial Regex StatusPath();

    [GeneratedRegex("^[0-9]{1,20}$")]
    private static partial Regex TweetId();

    [GeneratedRegex(@"/(\d{2,5})x(\d{2,5})/")]
    private static partial Regex Resolution();
}
