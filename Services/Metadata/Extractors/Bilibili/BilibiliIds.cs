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

    public static bool TryResolve(Uri url, out ResolvedUrl resolved)
    {
        resolved = null!;
        if (url.Host.ToLowerInvariant() is not ("www.bilibili.com" or "bilibili.com" or "m.bilibili.com"))
        {
            return false;
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

    [GeneratedRegex(@"^(?<id>BV1[1-9A-HJ-NP-Za-km-z]{9}|av[0-9]{1,16})(?:_p(?<part>[0-9]{1,3}))?$")]
    private static partial Regex VideoId();

    [GeneratedRegex(@"^/video/(BV1[1-9A-HJ-NP-Za-km-z]{9}|av[0-9]{1,16})/?$", RegexOptions.IgnoreCase)]
    private static partial Regex VideoPath();
}
