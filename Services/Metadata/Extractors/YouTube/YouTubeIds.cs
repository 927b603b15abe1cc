using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;
using VideoPlatform.Contracts.Metadata;

namespace VideoPlatform.Metadata.Extractors.YouTube;

/// <summary>
/// Every YouTube URL form users paste, and bare ids: videos (11 characters), playlists
/// (<c>PL…</c>, <c>UU…</c>, <c>OLAK5uy_…</c>, mixes <c>RD…</c>) and channels (<c>/channel/UC…</c>,
/// <c>/@handle</c>, <c>/c/</c>, <c>/user/</c>). Parsing never calls YouTube.
/// </summary>
public static partial class YouTubeIds
{
    private static readonly HashSet<string> Hosts = new(StringComparer.OrdinalIgnoreCase)
    {
        "youtube.com", "www.youtube.com", "m.youtube.com", "music.youtube.com", "gaming.youtube.com",
        "youtu.be", "www.youtu.be", "youtube-nocookie.com", "www.youtube-nocookie.com", "youtubekids.com", "www.youtubekids.com",
    };

    /// <summary>First path segments that are never channel vanity names.</summary>
    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "channel", "c", "user", "playlist", "watch", "w", "v", "embed", "e", "live", "watch_popup", "clip", "shorts",
        "movies", "results", "search", "shared", "hashtag", "trending", "explore", "feed", "feeds", "browse", "oembed",
        "get_video_info", "iframe_api", "s", "source", "storefront", "oops", "index", "account", "t", "about", "upload",
        "signin", "logout",
    };

    public static bool IsVideoId(string? value) => value is not null && VideoId().IsMatch(value);

    public static bool IsPlaylistId(string? value) => value is not null && PlaylistId().IsMatch(value);

    public static bool IsChannelId(string? value) => value is not null && ChannelId().IsMatch(value);

    public static bool IsHost(string host) => Hosts.Contains(host);

    public static bool TryResolve(Uri url, out ResolvedUrl resolved)
    {
        resolved = null!;
        if (!Hosts.Contains(url.Host))
        {
            return false;
        }

        var query = QueryHelpers.ParseQuery(url.Query);
        var segments = url.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var isShortHost = url.Host.EndsWith("youtu.be", StringComparison.OrdinalIgnoreCase);

        string? video = (isShortHost, segments) switch
        {
            (true, [var id, ..]) when id != "watch" => id,
            (_, ["watch" or "watch_popup", ..]) or (_, []) => query.TryGetValue("v", out var v) ? v.ToString() : null,
            (_, ["embed" or "shorts" or "live" or "v" or "e", var id, ..]) => id,
            _ => null,
        };
        // Old hash-bang links: /#!v=ID
        if (video is null && url.Fragment.StartsWith("#!v=", StringComparison.Ordinal))
        {
            video = url.Fragment[4..].Split('&')[0];
        }
        if (IsVideoId(video))
        {
            resolved = new ResolvedUrl("youtube", "video", video!);
            return true;
        }

        if (query.TryGetValue("list", out var list) && IsPlaylistId(list))
        {
            resolved = new ResolvedUrl("youtube", "playlist", list.ToString());
            return true;
        }

        string? channel = segments switch
        {
            ["channel", var id, ..] when IsChannelId(id) => id,
            [var handle, ..] when handle.StartsWith('@') && Handle().IsMatch(handle) => handle,
            ["c" or "user", var name, ..] when LegacyName().IsMatch(name) => $"{segments[0]}/{name}",
            [var name] when !isShortHost && !Reserved.Contains(name) && LegacyName().IsMatch(name) => $"c/{name}",
            _ => null,
        };
        if (channel is not null)
        {
            resolved = new ResolvedUrl("youtube", "channel", channel);
            return true;
        }
        return false;
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{11}$")]
    private static partial Regex VideoId();

    [GeneratedRegex("^(?:PL|LL|EC|UU|FL|RD|UL|TL|PU|OLAK5uy_)[A-Za-z0-9_-]{2,64}$|^(?:WL|LL|LM|RDMM)$")]
    private static partial Regex PlaylistId();

    [GeneratedRegex("^UC[A-Za-z0-9_-]{22}$")]
    private static partial Regex ChannelId();

    [GeneratedRegex("^@[A-Za-z0-9_.-]{3,30}$")]
    private static partial Regex Handle();

    [GeneratedRegex("^[A-Za-z0-9]{1,40}$")]
    private static partial Regex LegacyName();
}
