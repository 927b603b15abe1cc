using System.Globalization;
using System.Text.Json.Nodes;
using VideoPlatform.Contracts;
using VideoPlatform.Contracts.Metadata;
using static VideoPlatform.Metadata.Extractors.YouTube.InnerTubeText;

namespace VideoPlatform.Metadata.Extractors.YouTube;

/// <summary>
/// Mixes (<c>RD…</c> playlists), which <c>browse</c> does not serve: YouTube builds them per viewer
/// in the watch page's playlist panel (<c>next</c> with the playlist id and a video of it). A mix
/// never ends; each <c>next</c> gives about 25 videos after the one asked for, so pages follow
/// from the last video and its index until <c>limit</c> is reached. The cursor is that video's id
/// followed by its index.
/// </summary>
public sealed class YouTubeMixes(InnerTubeClient innerTube)
{
    public static bool IsMix(string playlistId) => playlistId.StartsWith("RD", StringComparison.Ordinal);

    public async Task<Playlist> GetAsync(string playlistId, int limit, string? cursor, CancellationToken cancellationToken)
    {
        var (videoId, index) = cursor is { Length: > 11 } && YouTubeIds.IsVideoId(cursor[..11])
                               && int.TryParse(cursor[11..], NumberStyles.None, CultureInfo.InvariantCulture, out var at)
            ? (cursor[..11], (int?)at)
            // RD + a video id: the mix that starts from that video.
            : (playlistId.Length == 13 && YouTubeIds.IsVideoId(playlistId[2..]) ? playlistId[2..] : null, (int?)null);
        var items = new List<PlaylistItem>();
        JsonNode? panel = null;
        while (items.Count < limit)
        {
            var body = new JsonObject { ["playlistId"] = playlistId };
            if (videoId is not null)
            {
                body["videoId"] = videoId;
            }
            if (index is { } i)
            {
                body["playlistIndex"] = i;
            }
            var page = await innerTube.PostWebAsync("next", body, cancellationToken);
            var current = page["contents"]?["twoColumnWatchNextResults"]?["playlist"]?["playlist"];
            if (current is null)
            {
                if (panel is null)
                {
                    throw new ProblemException(ErrorCodes.NotFound, "YouTube has no such mix.");
                }
                break;
            }
            panel ??= current;
            var before = items.Count;
            foreach (var video in (current["contents"] as JsonArray ?? []).Select(c => c?["playlistPanelVideoRenderer"]).OfType<JsonObject>())
            {
                if (Text(video["videoId"]) is { } id && items.TrueForAll(item => item.Id != id))
                {
                    items.Add(new PlaylistItem(id, Runs(video["title"]) ?? id, Clock(Runs(video["lengthText"])),
                        LargestThumbnail(video["thumbnail"]?["thumbnails"]), Runs(video["longBylineText"] ?? video["shortBylineText"]),
                        int.TryParse(Text(video["navigationEndpoint"]?["watchEndpoint"]?["index"]), CultureInfo.InvariantCulture, out var position) ? position : null));
                }
            }
            if (items.Count == before)
            {
                break;
            }
            (videoId, index) = (items[^1].Id, items[^1].Index);
        }

        var last = items.Take(limit).LastOrDefault();
        return new Playlist
        {
            Id = playlistId,
            Platform = "youtube",
            Title = Runs(panel?["title"]) ?? Runs(panel?["titleText"]),
            Author = Runs(panel?["ownerName"]),
            Items = items.Take(limit).ToList(),
            NextCursor = last is { Index: { } lastIndex } ? $"{last.Id}{lastIndex.ToString(CultureInfo.InvariantCulture)}" : null,
        };
    }
}
