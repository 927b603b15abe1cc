namespace VideoPlatform.Metadata.Extractors.Bilibili;

/// <summary><c>Platforms:Bilibili</c>.</summary>
public sealed class BilibiliOptions
{
    public const string SectionName = "Platforms:Bilibili";

    /// <summary><c>https://api.bilibili.com</c>; tests point it at a fake.</summary>
    public Uri ApiBaseUrl { get; set; } = new("https://api.bilibili.com");

    /// <summary>
    /// <c>https://b23.tv</c>, where share links are expanded; only a link's code is ever appended
    /// to it. Tests point it at a fake.
    /// </summary>
    public Uri ShortLinkBaseUrl { get; set; } = new("https://b23.tv");

    /// <summary>The desktop browser the API and the CDN expect to be talking to.</summary>
    public string UserAgent { get; set; } = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

    public string Referer { get; set; } = "https://www.bilibili.com/";

    /// <summary>How long the WBI keys (they rotate daily) are reused.</summary>
    public TimeSpan WbiKeyLifetime { get; set; } = TimeSpan.FromHours(1);
}
