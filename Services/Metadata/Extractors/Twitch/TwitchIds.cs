using System.Text.RegularExpressions;
using VideoPlatform.Contracts.Metadata;

namespace VideoPlatform.Metadata.Extractors.Twitch;

/// <summary>
/// Twitch video ids: a VOD is its number (<c>2012345678</c>), a clip its slug
/// (<c>AwkwardHelplessSalamanderSwiftRage</c> or <c>Name-AbC123_x</c>).
/// </summary>
internal static partial class TwitchIds
{
    public static bool IsVod(string id) => VodId().IsMatch(id);

    public static bool IsClip(string id) => !IsVod(id) && ClipSlug().IsMatch(id);

    public static bool TryResolve(Uri url, out ResolvedUrl resolved)
    {
        resolved = null!;
        var host = url.Host.ToLowerInvariant();
        if (host is not ("twitch.tv" or "www.twitch.tv" or "m.twitch.tv" or "clips.twitch.tv" or "player.twitch.tv"))
        {
            return false;
        }

        var segments = url.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(url.Query).ToDictionary(p => p.Key, p => p.Value.ToString());
        string? id = (host, segments) switch
        {
            ("clips.twitch.tv", ["embed"]) => query.GetValueOrDefault("clip"),
            ("clips.twitch.tv", [var slug]) => slug,
            ("player.twitch.tv", []) when query.GetValueOrDefault("video") is { } video => video.TrimStart('v'),
            ("player.twitch.tv", []) => query.GetValueOrDefault("clip"),
            (_, ["videos", var vod]) => vod,
            (_, [_, "v", var vod]) => vod,
            (_, [_, "clip", var slug]) => slug,
            _ => null,
        };

        if (id is null || !(IsVod(id) || IsClip(id)))
        {
            return false;
        }
        resolved = new ResolvedUrl("twitch", "video", id);
        return true;
    }

    [GeneratedRegex("^[0-9]{1,12}$")]
    private static partial Regex VodId();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_-]{2,99}$")]
    private static partial Regex ClipSlug();
}
