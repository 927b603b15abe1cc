using System.Text.Json.Nodes;
using VideoPlatform.Contracts;
using VideoPlatform.Contracts.Metadata;
using static VideoPlatform.Metadata.Extractors.YouTube.InnerTubeText;

namespace VideoPlatform.Metadata.Extractors.YouTube;

/// <summary>
/// A channel's videos as its Videos tab lists them (<c>browse</c> with the channel id and the tab's
/// <c>params</c>), newest first, then continuation tokens as the cursor. Items are 2024+ lockups
/// (older pages: <c>videoRenderer</c>). A channel YouTube took down answers with an alert and no
/// metadata: that is its error, not an empty channel.
/// </summary>
public sealed class YouTubeChannelVideos(InnerTubeClient innerTube)
{
    /// <summary>The Videos tab's <c>params</c> (protobuf, base64), as the tab's own endpoint names it.</summary>
    public const string VideosTab = "EgZ2aWRlb3PyBgQKAjoA";

    public async Task<Playlist> GetAsync(string channelId, int limit, string? cursor, CancellationToken cancellationToken)
    {
        var items = new List<PlaylistItem>();
        Playlist details = new() { Id = channelId, Platform = "youtube", ChannelId = channelId };
        var token = cursor;
        if (token is null)
        {
            var page = await innerTube.PostWebAsync("browse", new JsonObject { ["browseId"] = channelId, ["params"] = VideosTab }, cancellationToken);
            if (page["metadata"]?["channelMetadataRenderer"] is not { } metadata)
            {
                var alert = (page["alerts"] as JsonArray ?? []).Select(a => Runs(a?["alertRenderer"]?["text"])).FirstOrDefault(t => t is not null);
                throw new ProblemException(ErrorCodes.NotFound, alert ?? "YouTube has no such channel.");
            }
            details = details with { Title = Runs(metadata["title"]), Author = Runs(metadata["title"]), Description = Runs(metadata["description"]) };
            token = Collect(page, items, details.Author);
        }
        while (token is not null && items.Count < limit)
        {
            var before = items.Count;
            token = Collect(await innerTube.PostWebAsync("browse", new JsonObject { ["continuation"] = token }, cancellationToken), items, details.Author);
            if (items.Count == before)
            {
                break;
            }
        }
        return details with
        {
            Items = items.Take(limit).ToList(),
            // More items than asked for were read: the next page starts at the same token again.
            NextCursor = items.Count > limit ? cursor ?? token : token,
        };
    }

    /// <summary>Adds the page's videos (by <paramref name="author"/>, the channel) and returns its continuation token.</summary>
    private static string? Collect(JsonNode? node, List<PlaylistItem> items, string? author) =>
        InnerTubePage.Collect(node, items, (name, renderer) => name switch
        {
            "lockupViewModel" when Lockup.Read(renderer) is { IsVideo: true } lockup =>
                new PlaylistItem(lockup.Id, lockup.Title ?? lockup.Id, Clock(lockup.Badge), lockup.Thumbnail, lockup.Author ?? author, null),
            "videoRenderer" when Text(renderer["videoId"]) is { } id =>
                new PlaylistItem(id, Runs(renderer["title"]) ?? id, Clock(Runs(renderer["lengthText"])), LargestThumbnail(renderer["thumbnail"]?["thumbnails"]), author, null),
            _ => null,
        });
}
