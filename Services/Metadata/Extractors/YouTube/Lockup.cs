using System.Text.Json.Nodes;
using static VideoPlatform.Metadata.Extractors.YouTube.InnerTubeText;

namespace VideoPlatform.Metadata.Extractors.YouTube;

/// <summary>
/// A <c>lockupViewModel</c>, the 2024+ card YouTube uses for videos and playlists in search,
/// channel tabs and related items: what it says, wherever its content type puts it.
/// </summary>
internal sealed record Lockup(
    string Id,
    string? ContentType,
    string? Title,
    string? Thumbnail,
    string? Author,
    string? ChannelId,
    string? Badge,
    IReadOnlyList<string> Details)
{
    public bool IsVideo => ContentType is "LOCKUP_CONTENT_TYPE_VIDEO";

    public bool IsPlaylist => ContentType is "LOCKUP_CONTENT_TYPE_PLAYLIST" or "LOCKUP_CONTENT_TYPE_PODCAST" or null;

    public static Lockup? Read(JsonObject lockup)
    {
        if (Text(lockup["contentId"]) is not { } id)
        {
            return null;
        }
        var metadata = lockup["metadata"]?["lockupMetadataViewModel"];
        var parts = (metadata?["metadata"]?["contentMetadataViewModel"]?["metadataRows"] as JsonArray ?? [])
            .SelectMany(r => (r?["metadataParts"] as JsonArray ?? []).Select(p => p?["text"]))
            .ToList();
        // The author is the part that links to a channel; a channel's own tab names none.
        var author = parts.FirstOrDefault(p => p?["commandRuns"] is JsonArray);
        // A video's picture is a thumbnailViewModel; a playlist's, a collection of them.
        var image = lockup["contentImage"]?["thumbnailViewModel"]
                    ?? lockup["contentImage"]?["collectionThumbnailViewModel"]?["primaryThumbnail"]?["thumbnailViewModel"];
        var badge = (image?["overlays"] as JsonArray ?? [])
            .SelectMany(o => (o?["thumbnailBottomOverlayViewModel"]?["badges"] as JsonArray ?? [])
                .Concat(o?["thumbnailOverlayBadgeViewModel"]?["thumbnailBadges"] as JsonArray ?? []))
            .Select(b => Text(b?["thumbnailBadgeViewModel"]?["text"]))
            .FirstOrDefault(t => t is not null);
        return new Lockup(
            id,
            Text(lockup["contentType"]),
            Runs(metadata?["title"]),
            Text((image?["image"]?["sources"] as JsonArray)?.LastOrDefault()?["url"]),
            Runs(author),
            Text((author?["commandRuns"] as JsonArray)?.FirstOrDefault()?["onTap"]?["innertubeCommand"]?["browseEndpoint"]?["browseId"]),
            badge,
            parts.Where(p => p != author).Select(Runs).OfType<string>().ToList());
    }
}
