using System.Security.Cryptography;
using System.Text;

namespace VideoPlatform.Metadata.Extractors.Bilibili;

/// <summary>
/// BiliBili's WBI request signature: a mixin key re-ordered from the two daily keys, then
/// <c>w_rid = md5(sorted, encoded query + mixin key)</c> with <c>wts</c> the current time.
/// </summary>
public static class WbiSigner
{
    private static readonly int[] MixinTable =
    [
        46, 47, 18, 2, 53, 8, 23, 32, 15, 50, 10, 31, 58, 3, 45, 35, 27, 43, 5, 49, 33, 9, 42, 19, 29, 28, 14, 39, 12, 38, 41, 13,
        37, 48, 7, 16, 24, 55, 40, 61, 26, 17, 0, 1, 60, 51, 30, 4, 22, 25, 54, 21, 56, 59, 6, 63, 57, 62, 11, 36, 20, 34, 44, 52,
    ];

    public static string MixinKey(string imgKey, string subKey)
    {
        var raw = imgKey + subKey;
        return new string(MixinTable.Select(i => raw[i]).ToArray())[..32];
    }

    /// <summary>The signed query string: the parameters plus <c>wts</c>, sorted and encoded, then <c>w_rid</c>.</summary>
    public static string Sign(IEnumerable<KeyValuePair<string, string>> parameters, string mixinKey, long wts)
    {
        var query = string.Join('&', parameters
            .Append(new("wts", wts.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(Clean(p.Value))}"));
        var hash = Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(query + mixinKey)));
        return $"{query}&w_rid={hash}";
    }

    private static string Clean(string value) => new(value.Where(c => c is not ('!' or '\'' or '(' or ')' or '*')).ToArray());
}
