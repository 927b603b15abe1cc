using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using VideoPlatform.Contracts;
using VideoPlatform.Contracts.Metadata;
using VideoPlatform.Metadata.Caching;

namespace VideoPlatform.Metadata.Extractors.YouTube;

/// <summary>
/// YouTube's channels: a channel as users name it (<c>UC…</c>, <c>@handle</c>, <c>c/name</c>,
/// <c>user/name</c>, or a bare legacy name) to its channel id, through InnerTube's
/// <c>navigation/resolve_url</c>, then its videos (<see cref="YouTubeChannelVideos"/>). A name
/// resolves to the same id for a long time, so resolutions are cached
/// (<see cref="MetadataCacheOptions.ChannelNameTtl"/>).
/// </summary>
public sealed class YouTubeChannels(InnerTubeClient innerTube, YouTubePlaylists playlists, VideoCache cache, IOptions<MetadataCacheOptions> cacheOptions)
    : IChannelSource
{
    public string Platform => "youtube";

    string? IChannelSource.Normalize(string reference) => Normalize(reference);

    /// <summary>The channel's videos, its name resolved first.</summary>
    public async Task<Playlist> GetVideosAsync(string reference, int limit, string? cursor, CancellationToken cancellationToken) =>
        await playlists.GetChannelVideosAsync(await ResolveIdAsync(reference, cancellationToken), limit, cursor, cancellationToken);

    /// <summary>The canonical form of a channel reference (as <c>/api/v2/resolve</c> gives it), or null when it is none.</summary>
    public static string? Normalize(string reference)
    {
        var trimmed = reference.Trim().Trim('/');
        if (YouTubeIds.IsChannelId(trimmed))
        {
            return trimmed;
        }
        return Uri.TryCreate($"https://www.youtube.com/{trimmed}", UriKind.Absolute, out var url)
               && url.AbsolutePath.TrimStart('/') == trimmed
               && YouTubeIds.TryResolve(url, out var resolved) && resolved.Kind == "channel"
            ? resolved.Id
            : null;
    }

    /// <summary>The <c>UC…</c> id of a normalized reference; <see cref="ErrorCodes.NotFound"/> when YouTube knows no such channel.</summary>
    public async Task<string> ResolveIdAsync(string reference, CancellationToken cancellationToken)
    {
        if (YouTubeIds.IsChannelId(reference))
        {
            return reference;
        }
        // Names are case-insensitive on YouTube: @RickAstleyYT and @rickastleyyt are one channel.
        return await cache.GetOrFetchAsync("youtube", "channel-name", [reference.ToLowerInvariant()], cacheOptions.Value.ChannelNameTtl, async token =>
            {
                JsonObject answer;
                try
                {
                    answer = await innerTube.PostWebAsync("navigation/resolve_url",
                        new JsonObject { ["url"] = $"https://www.youtube.com/{reference}" }, token);
                }
                catch (ProblemException ex) when (ex.Code == ErrorCodes.NotFound)
                {
                    throw new ProblemException(ErrorCodes.NotFound, $"YouTube knows no channel called {reference}.", ex);
                }
                // Anything but a channel (a redirect elsewhere, a video) is no channel either.
                var id = InnerTubeText.Text(answer["endpoint"]?["browseEndpoint"]?["browseId"]);
                return YouTubeIds.IsChannelId(id)
                    ? id!
                    : throw new ProblemException(ErrorCodes.NotFound, $"{reference} is not a YouTube channel.");
            }, cancellationToken);
    }
}
