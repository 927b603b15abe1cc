using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;
using VideoPlatform.Contracts.Metadata;

namespace VideoPlatform.Metadata.Extractors.Bilibili;

/// <summary>
/// BiliBili video ids: <c>BV1…</c> (12 characters) or <c>av…</c>, converted into each other
/// with BiliBili's published scheme; a part of a multi-part video is addressed as
/// <c>BV1xx411c7mD_p2</c> (from <c>?p=2</c>).
/// </summary>
public static partial class BilibiliIds
{
    private const string Alphabet = "FcwAPNKTMug3GV5Lj7EJnHpWsx4tb8haYeviqBz6rkCy12mUSDQX9RdoZf";
    private const long Xor = 23442827791579;
    private const long Mask = (1L << 51) - 1;

    public static string ToBvid(long aid)
    {
        var buffer = "BV1000000000".ToCharArray();
        var value = (1L << 51 | aid) ^ Xor;
        for (var i = buffer.Length - 1; value > 0; i--)
        {
            buffer[i] = Alphabet[(int)(value % 58)];
            value /= 58;
        }
        (buffer[3], buffer[9]) = (buffer[9], buffer[3]);
        (buffer[4], buffer[7]) = (buffer[7], buffer[4]);
        return new string(buffer);
    }

    public static long ToAid(string bvid)
    {
        var buffer = bvid.ToCharArray();
        (buffer[3], buffer[9]) = (buffer[9], buffer[3]);
        (buffer[4], buffer[7]) = (buffer[7], buffer[4]);
        var value = 0L;
        foreach (var c in buffer[3..])
        {
            value = value * 58 + Alphabet.IndexOf(c);
        }
        return (value & Mask) ^ Xor;
    }

    /// <summary>Splits <c>BV…_pN</c> or <c>av…</c> into a bvid and a 1-based part.</summary>
    public static bool TryParse(string videoId, out string bvid, out int part)
    {
        bvid = "";
        part = 1;
        var match = VideoId().Match(videoId);
        if (!match.Success)
        {
            return false;
        }
        if (match.Groups["part"].Success)
        {
            part = int.Parse(match.Groups["part"].Value, System.Globalization.CultureInfo.InvariantCulture);
            if (part is < 1 or > 999)
            {
                return false;
            }
        }
        var id = match.Groups["id"].Value;
        if (id.StartsWith("av", StringComparison.OrdinalIgnoreCase))
        {
            if (!long.TryParse(id[2..], out var aid) || aid <= 0 || aid > Mask)
            {
                return false;
            }
            bvid = ToBvid(aid);
            return true;
        }
        bvid = "BV" + id[2..];
        return true;
    }

    /// <summary>
    /// A UGC collection (合集) as a playlist id: <c>season-{mid}-{season_id}</c>, the owner's mid
    /// and the collection's id, as its page <c>space.bilibili.com/{mid}/lists/{season_id}</c> names them.
    /// </summary>
    public static bool TryParseSeason(string playlistId, out long mid, out long seasonId)
    {
        mid = seasonId = 0;
        var match = SeasonId().Match(playlistId);
        return match.Success
               && long.TryParse(match.Groups["mid"].Value, out mid)
               && long.TryParse(match.Groups["season"].Value, out seasonId) && seasonId > 0;
    }

    /// <summary>A bangumi (PGC) episode, <c>ep{N}</c>, as its page <c>/bangumi/play/ep{N}</c> names it.</summary>
    public static bool TryParseEpisode(string videoId, out long episodeId)
    {
        episodeId = 0;
        var match = EpisodeId().Match(videoId);
        return match.Success && long.TryParse(match.Groups[1].Value, out episodeId) && episodeId > 0;
    }

    /// <summary>A bangumi season, <c>ss{N}</c>: a playlist of its episodes.</summary>
    public static bool TryParseBangumiSeason(string playlistId, out long seasonId)
    {
        seasonId = 0;
        var match = BangumiSeasonId().Match(playlistId);
        return match.Success && long.TryParse(match.Groups[1].Value, out seasonId) && seasonId > 0;
    }

    public static bool TryResolve(Uri url, out ResolvedUrl resolved)
    {
        resolved = null!;
        if (url.Host.Equals("space.bilibili.com", StringComparison.OrdinalIgnoreCase))
        {
            return TryResolveCollection(url, out resolved);
        }
        if (url.Host.ToLowerInvariant() is not ("www.bilibili.com" or "bilibili.com" or "m.bilibili.com"))
        {
            return false;
        }
        if (BangumiPath().Match(url.AbsolutePath) is { Success: true } bangumi)
        {
            var bangumiId = bangumi.Groups[1].Value.ToLowerInvariant() + bangumi.Groups[2].Value;
            resolved = bangumiId.StartsWith("ep", StringComparison.Ordinal)
                ? TryParseEpisode(bangumiId, out _) ? new ResolvedUrl("bilibili", "video", bangumiId) : null!
                : TryParseBangumiSeason(bangumiId, out _) ? new ResolvedUrl("bilibili", "playlist", bangumiId) : null!;
            return resolved is not null;
        }
        var match = VideoPath().Match(url.AbsolutePath);
        if (!match.Success)
        {
            return false;
        }
        var id = match.Groups[1].Value;
        var query = QueryHelpers.ParseQuery(url.Query);
        if (query.TryGetValue("p", out var p) && int.TryParse(p, out var part) && part > 1)
        {
            id += $"_p{part}";
        }
        if (!TryParse(id, out _, out _))
        {
            return false;
        }
        resolved = new ResolvedUrl("bilibili", "video", id);
        return true;
    }

    /// <summary><c>space.bilibili.com/{mid}/lists/{sid}?type=season</c>, or the older <c>/channel/collectiondetail?sid=</c>.</summary>
    private static bool TryResolveCollection(Uri url, out ResolvedUrl resolved)
    {
        resolved = null!;
        var query = QueryHelpers.ParseQuery(url.Query);
        var match = CollectionPath().Match(url.AbsolutePath);
        if (!match.Success)
        {
            return false;
        }
        var season = match.Groups["season"].Success ? match.Groups["season"].Value : query.TryGetValue("sid", out var sid) ? sid.ToString() : "";
        var type = query.TryGetValue("type", out var t) ? t.ToString() : "season";
        if (type != "season" || !TryParseSeason($"season-{match.Groups["mid"].Value}-{season}", out var mid, out var seasonId))
        {
            return false;
        }
        resolved = new ResolvedUrl("bilibili", "playlist", $"season-{mid}-{seasonId}");
        return true;
    }

    [GeneratedRegex("^ep([0-9]{1,10})$")]
    private static partial Regex EpisodeId();

    [GeneratedRegex("^ss([0-9]{1,10})$")]
    private static partial Regex BangumiSeasonId();

    [GeneratedRegex("^/bangumi/play/(ep|ss)([0-9]{1,10})/?$", RegexOptions.IgnoreCase)]
    private static partial Regex BangumiPath();

    [GeneratedRegex(@"^season-(?<mid>[0-9]{1,16})-(?<season>[0-9]{1,16})$")]
    private static partial Regex SeasonId();

    [GeneratedRegex(@"^/(?<mid>[0-9]{1,16})/(?:lists/(?<season>[0-9]{1,16})|channel/collectiondetail)/?$")]
    private static partial Regex CollectionPath();

    [GeneratedRegex(@"^(?<id>BV1[1-9A-HJ-NP-Za-km-z]{9}|av[0-9]{1,16})(?:_p(?<part>[0-9]{1,3}))?$")]
    private static partial Regex VideoId();

    [GeneratedRegex(@"^/video/(BV1[1-9A-HJ-NP-Za-km-z]{9}|av[0-9]{1,16})/?$", RegexOptions.IgnoreCase)]
    private static partial Regex VideoPath();
}
