using System.ComponentModel.DataAnnotations;
using VideoPlatform.Metadata.Extensions;

namespace VideoPlatform.Metadata.Extractors.Twitter;

/// <summary><c>Platforms:Twitter</c>: the public syndication endpoint embedded tweets use.</summary>
public sealed class TwitterOptions
{
    public const string SectionName = "Platforms:Twitter";

    [Required, HttpUrl]
    public Uri SyndicationUrl { get; set; } = new("https://cdn.syndication.twimg.com");
}
