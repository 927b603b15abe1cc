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
                throw new PlatformException(ErrorCodes.NotFound, alert ?? "YouTube has no such channel.");
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
    private static string? Collect(JsonNode? node, List<PlaylistItem> items, string? author)
    {
        string? token = null;
        void Walk(JsonNode? current)
        {
            switch (current)
            {
                case JsonObject o:
                    foreach (var (name, value) in o)
                    {
                        var item = (name, value) switch
                        {
                            ("lockupViewModel", JsonObject l) when Lockup.Read(l) is { IsVideo: true } lockup =>
                                new PlaylistItem(lockup.Id, lockup.Title ?? lockup.Id, Clock(lockup.Badge), lockup.Thumbnail, lockup.Author ?? author, null),
                            ("videoRenderer", JsonObject v) when Text(v["videoId"]) is { } id =>
                                new PlaylistItem(id, Runs(v["title"]) ?? id, Clock(Runs(v["lengthText"])), LargestThumbnail(v["thumbnail"]?["thumbnails"]), author, null),
                            _ => null,
                        };
                        if (item is not null)
                        {
                            if (items.TrueForAll(i => i.Id != item.Id))
                            {
                                items.Add(item);
                            }
                        }
                        else if (name == "continuationItemRenderer")
                        {
                            token ??= Text(value?["continuationEndpoint"]?["continuationCommand"]?["token"]);
                        }
                        else
                        {
                            Walk(value);
                        }
                    }
                    break;
                case JsonArray a:
                    foreach (var child in a)
                    {
                        Walk(child);
                    }
                    break;
            }
        }
        Walk(node);
        return token;
    }
}
