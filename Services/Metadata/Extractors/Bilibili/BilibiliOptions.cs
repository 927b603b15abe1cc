using System.ComponentModel.DataAnnotations;
using VideoPlatform.Metadata.Extensions;

namespace VideoPlatform.Metadata.Extractors.Bilibili;

/// <summary><c>Platforms:Bilibili</c>.</summary>
public sealed class BilibiliOptions
{
    public const string SectionName = "Platforms:Bilibili";

    /// <summary><c>https://api.bilibili.com</c>; tests point it at a fake.</summary>
    [Required, HttpUrl]
    public Uri ApiBaseUrl { get; set; } = new("https://api.bilibili.com");

    /// <summary>
    /// <c>https://b23.tv</c>, where share links are expanded; only a link's code is ever appended
    /// to it. Tests point it at a fake.
    /// </summary>
    [Required, HttpUrl]
    public Uri ShortLinkBaseUrl { get; set; } = new("https://b23.tv");

    /// <summary>
    /// The desktop browser the API and the CDN expect to be talking to: a current one, since the
    /// risk control weighs an old browser version against the request.
    /// </summary>
    [Required]
    public string UserAgent { get; set; } = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/154.0.0.0 Safari/537.36";

    [Required]
    public string Referer { get; set; } = "https://www.bilibili.com/";

    /// <summary>The <c>Origin</c> of the web player's API calls.</summary>
    [Required]
    public string Origin { get; set; } = "https://www.bilibili.com";

    /// <summary>
    /// Whether a guest <c>bili_ticket</c> (a JWT BiliBili hands any browser, valid three days) is asked
    /// for and sent with the guest cookies; it lowers the risk control's suspicion and costs one
    /// request every few days. Without it everything still works where BiliBili lets it.
    /// </summary>
    public bool UseTicket { get; set; } = true;

    /// <summary>How long the WBI keys (they rotate daily) are reused; a refused signed call forgets them sooner.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan WbiKeyLifetime { get; set; } = TimeSpan.FromHours(1);
}
