using System.ComponentModel.DataAnnotations;
using VideoPlatform.Metadata.Extensions;

namespace VideoPlatform.Metadata.Extractors.Instagram;

/// <summary><c>Platforms:Instagram</c> (its cookies are read by <see cref="Cookies.PlatformCookies"/>).</summary>
public sealed class InstagramOptions
{
    public const string SectionName = "Platforms:Instagram";

    /// <summary><c>https://i.instagram.com/api/v1</c>, the API Instagram's web client calls; tests point it at a fake.</summary>
    [Required, HttpUrl]
    public Uri ApiBaseUrl { get; set; } = new("https://i.instagram.com/api/v1/");

    /// <summary>The web client's public application id, which the API expects with every call.</summary>
    [Required, RegularExpression("^[0-9]+$")]
    public string AppId { get; set; } = "936619743392459";

    [Required]
    public string UserAgent { get; set; } = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
}
