using VideoPlatform.Contracts.Metadata;

namespace VideoPlatform.Metadata.Extractors;

/// <summary>
/// Every platform the seed served. Those without a registered extractor are listed as
/// <c>planned</c> so clients can tell "not yet" from "never".
/// </summary>
internal static class PlatformCatalog
{
    public static IReadOnlyList<PlatformInfo> Known { get; } =
    [
        new("youtube", "YouTube", ["youtube.com", "youtu.be", "youtube-nocookie.com"],
            ["https://www.youtube.com/watch?v={id}", "https://youtu.be/{id}", "https://www.youtube.com/shorts/{id}"],
            [], "planned"),
        new("bilibili", "BiliBili", ["bilibili.com", "b23.tv"],
            ["https://www.bilibili.com/video/{BV…}", "https://b23.tv/{code}"], [], "planned"),
        new("twitch", "Twitch", ["twitch.tv"],
            ["https://www.twitch.tv/videos/{id}", "https://clips.twitch.tv/{slug}"], [], "planned"),
        new("twitter", "Twitter / X", ["twitter.com", "x.com"],
            ["https://x.com/{user}/status/{id}"], [], "planned"),
        new("instagram", "Instagram", ["instagram.com"],
            ["https://www.instagram.com/reel/{code}/", "https://www.instagram.com/p/{code}/"], [], "planned"),
    ];
}
