using System.Text.RegularExpressions;
using VideoPlatform.Contracts;
using VideoPlatform.Contracts.Metadata;

namespace VideoPlatform.Metadata.Extractors.Instagram;

/// <summary>
/// Instagram reels and posts are recognised, but Instagram serves their media only to logged-in
/// sessions; until the cookie flow exists, extraction answers <c>login_required</c> without
/// calling Instagram, rather than pretending.
/// </summary>
public sealed partial class InstagramExtractor : IVideoExtractor
{
    public PlatformInfo Platform { get; } = new(
        "instagram", "Instagram",
        ["instagram.com", "www.instagram.com"],
        ["https://www.instagram.com/reel/{code}/", "https://www.instagram.com/p/{code}/"],
        ["resolve"],
        "login_required");

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

    public Task<VideoInfo> GetVideoAsync(string videoId, CancellationToken cancellationToken) =>
        throw LoginRequired(videoId);

    public Task<FormatList> GetFormatsAsync(string videoId, CancellationToken cancellationToken) =>
        throw LoginRequired(videoId);

    private static PlatformException LoginRequired(string code) => new(ErrorCodes.LoginRequired,
        $"Instagram serves post {code} only to logged-in sessions, and this server has no Instagram session configured.");

    [GeneratedRegex(@"^/(?:[A-Za-z0-9_.]+/)?(?:p|reel|reels|tv)/([A-Za-z0-9_-]{5,40})/?$")]
    private static partial Regex PostPath();

    [GeneratedRegex("^[A-Za-z0-9_-]{5,40}$")]
    private static partial Regex ShortCode();
}
