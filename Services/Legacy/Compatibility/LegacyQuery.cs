namespace VideoPlatform.Legacy.Compatibility;

/// <summary>
/// Reads a legacy query string the way the seed's clients relied on: the target URL arrives
/// un-encoded from VRChat and Unity players (<c>?url=https://youtu.be/x?t=10&amp;quality=480p</c>),
/// so everything after <c>url=</c> belongs to the URL except the legacy parameters this route
/// knows (<c>quality</c>, <c>player</c>, <c>format</c>…), which are taken out wherever they stand.
/// </summary>
internal sealed class LegacyQuery
{
    /// <summary>Parameter names the legacy routes read; any other <c>name=value</c> after the URL is part of it.</summary>
    public static readonly IReadOnlySet<string> KnownParameters = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "quality", "player", "format", "filename", "width", "height", "autoplay", "controls",
        "mode", "country", "include_formats", "include_stats", "download", "theme", "proxy",
    };

    private readonly Dictionary<string, string> _values;

    private LegacyQuery(string? target, Dictionary<string, string> values)
    {
        Target = target;
        _values = values;
    }

    /// <summary>The video URL the caller passed, or null when there was none.</summary>
    public string? Target { get; }

    public string? this[string name] => _values.TryGetValue(name, out var value) && value.Length > 0 ? value : null;

    /// <summary>Parses <paramref name="rawQuery"/> (with or without <c>?</c>); <paramref name="urlParameter"/> is <c>url</c>, or <c>yt</c> for v1.</summary>
    public static LegacyQuery Parse(string? rawQuery, string urlParameter = "url")
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var query = (rawQuery ?? "").TrimStart('?');
        if (query.Length == 0)
        {
            return new LegacyQuery(null, values);
        }

        var prefix = urlParameter + "=";
        List<string>? urlParts = null;
        foreach (var piece in query.Split('&'))
        {
            var name = NameOf(piece);
            if (urlParts is null && piece.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                urlParts = [piece[prefix.Length..]];
            }
            else if (urlParts is not null && !(KnownParameters.Contains(name) && !values.ContainsKey(name)))
            {
                // A player did not encode the URL, so its own "&t=30" or "&list=…" split off here.
                urlParts.Add(piece);
            }
            else if (name.Length > 0)
            {
                values.TryAdd(name, Decode(piece.Length > name.Length ? piece[(name.Length + 1)..] : ""));
            }
        }

        return new LegacyQuery(urlParts is null ? null : TargetFrom(string.Join('&', urlParts)), values);
    }

    private static string NameOf(string piece)
    {
        var equals = piece.IndexOf('=');
        return Decode(equals < 0 ? piece : piece[..equals]);
    }

    // A properly encoded URL ("https%3A%2F%2F…") is decoded once; a raw one is kept as typed,
    // because its own escapes (%20 in a path, %26 in a title search) belong to the target site.
    private static string? TargetFrom(string raw)
    {
        var value = raw.StartsWith("http%3a", StringComparison.OrdinalIgnoreCase)
                    || raw.StartsWith("https%3a", StringComparison.OrdinalIgnoreCase)
                    || !raw.Contains("://", StringComparison.Ordinal)
            ? Decode(raw)
            : raw;
        value = value.Trim();
        return value.Length == 0 ? null : value;
    }

    private static string Decode(string value) => Uri.UnescapeDataString(value.Replace('+', ' '));
}
