using System.Net;

namespace VideoPlatform.Legacy.Vrchat;

/// <summary>
/// The query of a legacy request, read the way the seed's clients relied on: players send the
/// target URL unencoded (<c>?url=https://youtu.be/x?t=10&amp;quality=480p</c>), so everything
/// after <c>url=</c> (or <c>yt=</c>) belongs to the URL up to the next parameter this API knows;
/// an encoded URL is decoded as usual.
/// </summary>
public sealed class LegacyQuery
{
    private static readonly HashSet<string> Known = new(StringComparer.OrdinalIgnoreCase)
    {
        "url", "yt", "quality", "player", "format", "filename", "width", "height", "api_key", "mode", "country",
    };

    private readonly Dictionary<string, string> _values = new(StringComparer.OrdinalIgnoreCase);

    private LegacyQuery()
    {
    }

    public string? Url => _values.GetValueOrDefault("url") ?? _values.GetValueOrDefault("yt");

    public string? this[string name] => _values.GetValueOrDefault(name);

    public static LegacyQuery Parse(string rawQuery)
    {
        var query = new LegacyQuery();
        var text = rawQuery.StartsWith('?') ? rawQuery[1..] : rawQuery;
        var parts = text.Split('&');
        for (var i = 0; i < parts.Length; i++)
        {
            var (name, value) = Split(parts[i]);
            if (name.Length == 0)
            {
                continue;
            }
            if (name.Equals("url", StringComparison.OrdinalIgnoreCase) || name.Equals("yt", StringComparison.OrdinalIgnoreCase))
            {
                // Take the following pieces back into the URL until one names a known parameter.
                while (i + 1 < parts.Length && !Known.Contains(Split(parts[i + 1]).Name))
                {
                    value += "&" + parts[++i];
                }
                query._values.TryAdd(name, DecodeUrl(value));
                continue;
            }
            query._values.TryAdd(name, Decode(value));
        }
        return query;
    }

    private static (string Name, string Value) Split(string part)
    {
        var equals = part.IndexOf('=');
        return equals < 0 ? (Decode(part), "") : (Decode(part[..equals]), part[(equals + 1)..]);
    }

    /// <summary>An encoded URL (<c>https%3A%2F%2F…</c>) is decoded; an unencoded one is taken as it came.</summary>
    private static string DecodeUrl(string value) =>
        value.Contains("%3A", StringComparison.OrdinalIgnoreCase) || value.Contains("%2F", StringComparison.OrdinalIgnoreCase)
            ? Decode(value)
            : value.Replace('+', ' ').Trim();

    private static string Decode(string value) => WebUtility.UrlDecode(value).Trim();
}
