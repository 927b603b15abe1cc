using System.ComponentModel.DataAnnotations;
using VideoPlatform.Metadata.Extensions;

namespace VideoPlatform.Metadata.Extractors.Twitch;

/// <summary><c>Platforms:Twitch</c>: where Twitch's public GraphQL and playlist service are.</summary>
public sealed class TwitchOptions
{
    public const string SectionName = "Platforms:Twitch";

    [Required, HttpUrl]
    public Uri GqlUrl { get; set; } = new("https://gql.twitch.tv/gql");

    /// <summary>Twitch's playlist service (<c>usher</c>), which serves VOD master playlists.</summary>
    [Required, HttpUrl]
    public Uri UsherUrl { get; set; } = new("https://usher.ttvnw.net");

    /// <summary>The web player's public client id, which the public GraphQL endpoint expects.</summary>
    [Required]
    public string ClientId { get; set; } = "kimne78kx3ncx6brgo4mv6wki5h1ko";
}
