namespace VideoPlatform.Metadata.Extractors.YouTube;

/// <summary>Where a GVS PO token goes: <c>pot=</c> in a file's query, a <c>/pot/{token}</c> path segment in a manifest's path-style URL.</summary>
internal static class PoTokenUrls
{
    public static string File(string url, string token) =>
        $"{url}{(url.Contains('?', StringComparison.Ordinal) ? '&' : '?')}pot={Uri.EscapeDataString(token)}";

    public static string Manifest(string url, string token) =>
        url.Contains('?', StringComparison.Ordinal) ? File(url, token) : $"{url.TrimEnd('/')}/pot/{Uri.EscapeDataString(token)}";
}
