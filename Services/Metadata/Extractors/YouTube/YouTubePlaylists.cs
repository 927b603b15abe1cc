using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using VideoPlatform.Contracts;
using VideoPlatform.Contracts.Metadata;
using VideoPlatform.Metadata.Caching;
using static VideoPlatform.Metadata.Extractors.YouTube.InnerTubeText;

namespace VideoPlatform.Metadata.Extractors.YouTube;

/// <summary>
/// Playlists and channel uploads through InnerTube's <c>browse</c>: the <c>VL{id}</c> page for the
/// details and first items, then continuation tokens, followed until the requested number of
/// items is reached. The cursor handed to callers is the continuation token. Pages are cached for
/// <see cref="MetadataCacheOptions.PlaylistTtl"/>.
/// </summary>
public sealed class YouTubePlaylists(InnerTubeClient innerTube, YouTubeMixes mixes, YouTubeChannelVideos channelVideos,
    VideoCache cache, IOptions<MetadataCacheOptions> cacheOptions) : IPlaylistSource
{
    public string Platform => "youtube";

    public bool IsPlaylistId(string playlistId) => YouTubeIds.IsPlaylistId(playlistId);

    Task<Playlist> IPlaylistSource.GetPlaylistAsync(string playlistId, int limit, string? cursor, CancellationToken cancellationToken) =>
        GetAsync(playlistId, limit, cursor, cancellationToken);

    public Task<Playlist> GetAsync(string playlistId, int limit, string? cursor, CancellationToken cancellationToken) =>
        cache.GetOrFetchAsync("youtube", "playlist", [playlistId, limit.ToString(CultureInfo.InvariantCulture), cursor], cacheOptions.Value.PlaylistTtl,
            token => YouTubeMixes.IsMix(playlistId) ? mixes.GetAsync(playlistId, limit, cursor, token) : FetchAsync(playlistId, limit, cursor, token),
            cancellationToken);

    /// <summary>A channel's videos as its Videos tab lists them, cached as playlists are.</summary>
    public Task<Playlist> GetChannelVideosAsync(string channelId, int limit, string? cursor, CancellationToken cancellationToken) =>
        cache.GetOrFetchAsync("youtube", "channel-videos", [channelId, limit.ToString(CultureInfo.InvariantCulture), cursor], cacheOptions.Value.PlaylistTtl,
            token => channelVideos.GetAsync(channelId, limit, cursor, token), cancellationToken);

    private async Task<Playlist> FetchAsync(string playlistId, int limit, string? cursor, CancellationToken cancellationToken)
    {
        var items = new List<PlaylistItem>();
        Playlist? details = null;
        var token = cursor;
        if (token is null)
        {
            var page = await BrowseAsync(new JsonObject { ["browseId"] = "VL" + playlistId }, cancellationToken);
            if (page["alerts"] is JsonArray alerts && page["sidebar"] is null)
            {
                var text = alerts.Select(a => Runs(a?["alertRenderer"]?["text"])).FirstOrDefault(t => t is not null) ?? "The playlist does not exist.";
                throw new ProblemException(ErrorCodes.NotFound, text);
            }
            details = Describe(playlistId, page);
            token = Collect(page, items);
        }

        while (token is not null && items.Count < limit)
        {
            var page = await BrowseAsync(new JsonObject { ["continuation"] = token }, cancellationToken);
            var before = items.Count;
            token = Collect(page, items);
            if (items.Count == before)
            {
                break;
            }
        }

        return (details ?? new Playlist { Id = playlistId, Platform = "youtube" }) with
        {
            Items = items.Take(limit).ToList(),
            // More items than asked for were read: the next page starts at the same token again.
            NextCursor = items.Count > limit ? cursor ?? token : token,
        };
    }

    /// <summary>
    /// The playlist's details: from the 2025+ page header (<c>pageHeaderViewModel</c>: title, the
    /// owner in its avatar stack, "200 videos" among its metadata), else the sidebar. Both name
    /// the owner as "by …".
    /// </summary>
    private static Playlist Describe(string id, JsonObject page)
    {
        var sidebar = page["sidebar"]?["playlistSidebarRenderer"]?["items"] as JsonArray;
        var primary = sidebar?.ElementAtOrDefault(0)?["playlistSidebarPrimaryInfoRenderer"];
        var owner = sidebar?.ElementAtOrDefault(1)?["playlistSidebarSecondaryInfoRenderer"]?["videoOwner"]?["videoOwnerRenderer"];
        var header = page["header"]?["pageHeaderRenderer"]?["content"]?["pageHeaderViewModel"];
        var parts = (header?["metadata"]?["contentMetadataViewModel"]?["metadataRows"] as JsonArray ?? [])
            .SelectMany(r => r?["metadataParts"] as JsonArray ?? []).ToList();
        var stack = parts.Select(p => p?["avatarStack"]?["avatarStackViewModel"]?["text"]).FirstOrDefault(t => t is not null);
        var count = parts.Select(p => Runs(p?["text"])).FirstOrDefault(t => t?.EndsWith(" videos", StringComparison.Ordinal) == true || t?.EndsWith(" video", StringComparison.Ordinal) == true)
                    ?? Runs((primary?["stats"] as JsonArray)?.FirstOrDefault());
        return new Playlist
        {
            Id = id,
            Platform = "youtube",
            Title = Runs(header?["title"]?["dynamicTextViewModel"]?["text"]) ?? Runs(primary?["title"]),
            Description = Runs(header?["description"]?["descriptionPreviewViewModel"]?["description"]) ?? Runs(primary?["description"]),
            Author = WithoutBy(Runs(stack) ?? Runs(owner?["title"])),
            ChannelId = Text((stack?["commandRuns"] as JsonArray)?.FirstOrDefault()?["onTap"]?["innertubeCommand"]?["browseEndpoint"]?["browseId"])
                        ?? Text(owner?["navigationEndpoint"]?["browseEndpoint"]?["browseId"]),
            VideoCount = (int?)LeadingCount(count),
        };
    }

    private static string? WithoutBy(string? owner) => owner?.StartsWith("by ", StringComparison.Ordinal) == true ? owner[3..] : owner;

    /// <summary>Adds the page's videos (wherever in the tree they sit) and returns its continuation token.</summary>
    private static string? Collect(JsonNode? node, List<PlaylistItem> items) =>
        InnerTubePage.Collect(node, items, static (name, video) =>
            name == "playlistVideoRenderer" && Text(video["videoId"]) is { } id
                ? new PlaylistItem(
                    id,
                    Runs(video["title"]) ?? id,
                    double.TryParse(Text(video["lengthSeconds"]), CultureInfo.InvariantCulture, out var seconds) ? seconds : null,
                    LargestThumbnail(video["thumbnail"]?["thumbnails"]),
                    Runs(video["shortBylineText"]),
                    int.TryParse(Runs(video["index"]), CultureInfo.InvariantCulture, out var index) ? index : null)
                : null);

    private Task<JsonObject> BrowseAsync(JsonObject body, CancellationToken cancellationToken) =>
        innerTube.PostWebAsync("browse", body, cancellationToken);
}
