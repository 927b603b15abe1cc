namespace VideoPlatform.Metadata.Extractors.Bilibili;

/// <summary>BiliBili's image and media URLs come protocol-relative or as <c>http://</c>; clients get https.</summary>
internal static class BilibiliUrls
{
    public static string? Https(string? url) =>
        url is null ? null
        : url.StartsWith("//", StringComparison.Ordinal) ? "https:" + url
        : url.StartsWith("http://", StringComparison.Ordinal) ? "https://" + url[7..]
        : url;
}
