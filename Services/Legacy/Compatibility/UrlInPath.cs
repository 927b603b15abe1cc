namespace VideoPlatform.Legacy.Compatibility;

/// <summary>A video URL pasted into a route's path: <c>/api/v2/stream/https:/www.youtube.com/watch?v=x</c>.</summary>
internal static class UrlInPath
{
    /// <summary>The path lost one slash after the scheme, and the query is the URL's, less the legacy parameters.</summary>
    public static string Rebuild(string scheme, string? rest, string? rawQuery)
    {
        var own = (rawQuery ?? "").TrimStart('?').Split('&')
            .Where(p => p.Length > 0 && !LegacyQuery.KnownParameters.Contains(p.Split('=')[0]));
        var tail = string.Join('&', own);
        return $"{scheme}//{(rest ?? "").TrimStart('/')}{(tail.Length > 0 ? "?" + tail : "")}";
    }
}
