using System.Globalization;
using System.Net.Http.Json;
using System.Numerics;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using VideoPlatform.Contracts;
using VideoPlatform.Contracts.Metadata;
using VideoPlatform.Metadata.Cookies;

namespace VideoPlatform.Metadata.Extractors.Instagram;

/// <summary>
/// Instagram reels and video posts. Instagram serves media only to logged-in sessions, so without
/// cookies configured (<see cref="PlatformCookies"/>) extraction answers <c>login_required</c>,
/// naming how to supply them, without calling Instagram. With them it asks the web client's media
/// API (<c>/media/{pk}/info/</c>, the pk decoded from the short code) for the post.
/// </summary>
public sealed partial class InstagramExtractor(IHttpClientFactory clients, IOptions<InstagramOptions> options, PlatformCookies cookies) : IVideoExtractor
{
    private const string ShortCodeAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    private static readonly PlatformInfo WithSession = new(
        "instagram", "Instagram",
        ["instagram.com", "www.instagram.com"],
        ["https://www.instagram.com/reel/{code}/", "https://www.instagram.com/p/{code}/"],
        ["resolve", "info", "formats", "cookies"],
        "supported");

    private static readonly PlatformInfo WithoutSession = WithSession with { Status = "login_required" };

    /// <summary>
    /// Its status says whether an operator has given this server a session to extract with (asked
    /// on every request, even cache hits, so it is one of two entries built once).
    /// </summary>
    public PlatformInfo Platform => cookies.HeaderFor("instagram") is null ? WithoutSession : WithSession;

    public bool TryResolve(Uri url, out ResolvedUrl resolved)
    {
        resolved = null!;
        if (url.Host.ToLowerInvariant() is not ("instagram.com" or "www.instagram.com"))
        {
            return false;
        }
        var match = PostPath().Match(url.AbsolutePath);
        if (!match.Success)
        {
            return false;
        }
        resolved = new ResolvedUrl("instagram", "video", match.Groups[1].Value);
        return true;
    }

    public bool IsValidVideoId(string videoId) => ShortCode().IsMatch(videoId);

    /// <summary>The media pk a short code stands for: its first 11 characters in base 64 (Instagram's alphabet).</summary>
    public static string MediaPk(string shortCode) =>
        shortCode[..Math.Min(11, shortCode.Length)].Aggregate(BigInteger.Zero, (pk, c) => pk * 64 + ShortCodeAlphabet.IndexOf(c)).ToString(CultureInfo.InvariantCulture);

    public async Task<VideoInfo> GetVideoAsync(string videoId, CancellationToken cancellationToken)
    {
        var media = await MediaAsync(videoId, cancellationToken);
        var user = media["user"] as JsonObject;
        var username = user?["username"]?.GetValue<string>();
        var caption = media["caption"]?["text"]?.GetValue<string>();
        var thumbnails = (media["image_versions2"]?["candidates"] as JsonArray ?? []).OfType<JsonObject>()
            .Select(c => new Thumbnail(c["url"]?.GetValue<string>() ?? "", c["width"]?.GetValue<int>(), c["height"]?.GetValue<int>()))
            .Where(t => t.Url.Length > 0)
            .ToList();
        var formats = Formats(media);
        return new VideoInfo
        {
            Id = videoId,
            Platform = "instagram",
            // A post has no title: its caption's first line stands in, as on the share sheet.
            Title = caption?.Split('\n')[0].Trim() is { Length: > 0 } line ? line : $"Instagram post by {username ?? videoId}",
            Description = caption,
            Duration = media["video_duration"]?.GetValue<double>(),
            Thumbnail = thumbnails.FirstOrDefault()?.Url,
            Thumbnails = thumbnails,
            Uploader = user?["full_name"]?.GetValue<string>() is { Length: > 0 } name ? name : username,
            ChannelId = user?["pk"]?.ToString(),
            ChannelUrl = username is null ? null : $"https://www.instagram.com/{username}/",
            ViewCount = (media["play_count"] ?? media["view_count"])?.GetValue<long>(),
            LikeCount = media["like_count"]?.GetValue<long>(),
            UploadDate = media["taken_at"]?.GetValue<long>() is { } taken
                ? DateTimeOffset.FromUnixTimeSeconds(taken).ToString("yyyyMMdd", CultureInfo.InvariantCulture)
                : null,
            IsShort = media["product_type"]?.GetValue<string>() == "clips",
            Formats = formats,
            ExpiresAt = Expiry(formats),
        };
    }

    public async Task<FormatList> GetFormatsAsync(string videoId, CancellationToken cancellationToken) =>
        (await GetVideoAsync(videoId, cancellationToken)).ToFormatList();

    private async Task<JsonObject> MediaAsync(string shortCode, CancellationToken cancellationToken)
    {
        if (cookies.HeaderFor("instagram") is not { } cookie)
        {
            throw LoginRequired($"Instagram serves post {shortCode} only to logged-in sessions, and this server has no Instagram session configured.");
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(options.Value.ApiBaseUrl, $"media/{MediaPk(shortCode)}/info/"));
        request.Headers.TryAddWithoutValidation("User-Agent", options.Value.UserAgent);
        request.Headers.TryAddWithoutValidation("X-IG-App-ID", options.Value.AppId);
        request.Headers.TryAddWithoutValidation("Origin", "https://www.instagram.com");
        request.Headers.TryAddWithoutValidation("Referer", "https://www.instagram.com/");
        request.Headers.TryAddWithoutValidation("Cookie", cookie);
        using var response = await clients.CreateClient(nameof(InstagramExtractor)).SendAsync(request, cancellationToken);

        var status = (int)response.StatusCode;
        if (status is 404)
        {
            throw new ProblemException(ErrorCodes.VideoUnavailable, $"Instagram has no post {shortCode} (deleted, or private to its owner's followers).");
        }
        JsonObject? body = null;
        if (status is >= 200 and < 300 or 400 or 401 or 403)
        {
            try
            {
                body = await response.Content.ReadFromJsonAsync<JsonObject>(cancellationToken);
            }
            catch (JsonException)
            {
                // A login page instead of JSON is judged below, as a refused session.
            }
        }
        if (status is 401 or 403 || status is >= 300 and < 400
            || body?["require_login"]?.GetValue<bool>() == true || body?["message"]?.GetValue<string>() is "login_required")
        {
            throw LoginRequired($"Instagram refused this server's session for post {shortCode}.");
        }
        response.EnsureUpstreamAnswered("Instagram");
        if (body is null)
        {
            throw new ProblemException(ErrorCodes.UpstreamUnavailable, "Instagram answered something that is not JSON.");
        }
        return (body["items"] as JsonArray)?.FirstOrDefault() as JsonObject
               ?? throw new ProblemException(ErrorCodes.VideoUnavailable, $"Instagram has no post {shortCode}.");
    }

    /// <summary>The post's video renditions, largest first (a carousel's first video stands for it).</summary>
    private static List<VideoFormat> Formats(JsonObject media)
    {
        var source = media["video_versions"] is JsonArray { Count: > 0 }
            ? media
            : (media["carousel_media"] as JsonArray ?? []).OfType<JsonObject>().FirstOrDefault(m => m["video_versions"] is JsonArray { Count: > 0 });
        if (source is null)
        {
            throw new ProblemException(ErrorCodes.NoMatchingFormat, "This Instagram post is photos only; it has no video.");
        }
        return (source["video_versions"] as JsonArray ?? []).OfType<JsonObject>()
            .Select(v => new VideoFormat
            {
                FormatId = v["type"]?.ToString() ?? v["id"]?.GetValue<string>() ?? "mp4",
                Url = v["url"]?.GetValue<string>() ?? "",
                Ext = "mp4",
                MimeType = "video/mp4",
                Vcodec = "avc1",
                Acodec = source["has_audio"]?.GetValue<bool>() == false ? "none" : "mp4a.40.2",
                Width = v["width"]?.GetValue<int>(),
                Height = v["height"]?.GetValue<int>(),
                // Reels are portrait: the label names the short side, as players do (720p for 720×1280).
                QualityLabel = (v["width"]?.GetValue<int>(), v["height"]?.GetValue<int>()) is ({ } w, { } h) ? $"{Math.Min(w, h)}p" : null,
                HasVideo = true,
                HasAudio = source["has_audio"]?.GetValue<bool>() != false,
                Protocol = "https",
            })
            .Where(f => f.Url.StartsWith("https://", StringComparison.Ordinal))
            .DistinctBy(f => f.Url)
            .OrderByDescending(f => f.Height)
            .ToList();
    }

    /// <summary>Instagram's CDN URLs carry their expiry as hexadecimal unix seconds in <c>oe=</c>.</summary>
    private static DateTimeOffset? Expiry(IEnumerable<VideoFormat> formats) => formats
        .Select(f => Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri(f.Url).Query).TryGetValue("oe", out var oe)
                     && long.TryParse(oe, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var unix)
            ? DateTimeOffset.FromUnixTimeSeconds(unix)
            : (DateTimeOffset?)null)
        .Where(e => e is not null)
        .Min();

    private ProblemException LoginRequired(string detail) => new(ErrorCodes.LoginRequired, $"{detail} {cookies.HowToSupply("instagram")}");

    [GeneratedRegex(@"^/(?:[A-Za-z0-9_.]+/)?(?:p|reel|reels|tv)/([A-Za-z0-9_-]{5,40})/?$")]
    private static partial Regex PostPath();

    [GeneratedRegex("^[A-Za-z0-9_-]{5,40}$")]
    private static partial Regex ShortCode();
}
