namespace VideoPlatform.Metadata.Extractors.Bilibili;

/// <summary>The headers of the web player's API calls, which BiliBili's risk control checks on every request.</summary>
internal static class BilibiliBrowser
{
    public static void Apply(HttpRequestMessage request, BilibiliOptions options)
    {
        request.Headers.TryAddWithoutValidation("User-Agent", options.UserAgent);
        request.Headers.TryAddWithoutValidation("Referer", options.Referer);
        request.Headers.TryAddWithoutValidation("Origin", options.Origin);
    }
}
