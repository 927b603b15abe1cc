using System.Text.Json.Nodes;
using VideoPlatform.Contracts.Metadata;
using static VideoPlatform.Metadata.Extractors.YouTube.InnerTubeText;

namespace VideoPlatform.Metadata.Extractors.YouTube;

/// <summary>
/// Search through InnerTube's <c>search</c>: the first page by query and filter, later pages by the
/// continuation token, which is the cursor handed to callers. The page layout varies (sections,
/// shelves, view models), so results are collected wherever they sit in the tree; the page's own
/// continuation is the last <c>continuationItemRenderer</c>.
/// </summary>
public sealed class YouTubeSearch(InnerTubeClient innerTube)
{
    /// <summary>The <c>params</c> filter of each result type (protobuf, base64): videos, playlists, channels; none for all.</summary>
    private static readonly Dictionary<string, string?> Filters = new(StringComparer.Ordinal)
    {
        ["video"] = "EgIQAQ%3D%3D",
        ["playlist"] = "EgIQAw%3D%3D",
        ["channel"] = "EgIQAg%3D%3D",
        ["all"] = null,
    };

    public static IReadOnlyCollection<string> Types => Filters.Keys;

    public async Task<SearchResults> SearchAsync(string query, string type, string? cursor, CancellationToken cancellationToken)
    {
        var body = cursor is null ? new JsonObject { ["query"] = query } : new JsonObject { ["continuation"] = cursor };
        if (cursor is null && Filters[type] is { } filter)
        {
            body["params"] = filter;
        }
        var page = await innerTube.PostWebAsync("search", body, cancellationToken);

        var items = new List<SearchResult>();
        string? token = null;
        Collect(page, type, items, ref token);
        return new SearchResults { Platform = "youtube", Query = query, Type = type, Items = items, NextCursor = token };
    }

    private static void Collect(JsonNode? node, string type, List<SearchResult> items, ref string? token)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (name, value) in o)
                {
                    var found = (name, value) switch
                    {
                        ("videoRenderer", JsonObject v) when type is "video" or "all" => Video(v),
                        ("playlistRenderer", JsonObject p) when type is "playlist" or "all" => Playlist(p),
                        ("lockupViewModel", JsonObject l) when type is "playlist" or "all" => Lockup(l),
                        ("channelRenderer", JsonObject c) when type is "channel" or "all" => Channel(c),
                        _ => null,
                    };
                    if (found is not null)
                    {
                        if (items.TrueForAll(i => i.Id != found.Id))
                        {
                            items.Add(found);
                        }
                    }
                    else if (name == "continuationItemRenderer")
                    {
                        token = Text(value?["continuationEndpoint"]?["continuationCommand"]?["token"]) ?? token;
                    }
                    else if (name is not ("videoRenderer" or "playlistRenderer" or "lockupViewModel" or "channelRenderer"))
                    {
                        Collect(value, type, items, ref token);
                    }
                }
                break;
            case JsonArray a:
                foreach (var child in a)
                {
                    Collect(child, type, items, ref token);
                }
                break;
        }
    }

    private static SearchResult? Video(JsonObject video)
    {
        if (Text(video["videoId"]) is not { } id || !YouTubeIds.IsVideoId(id))
        {
            return null;
        }
        var owner = (video["ownerText"] ?? video["longBylineText"] ?? video["shortBylineText"])?["runs"]?[0];
        var isLive = (video["badges"] as JsonArray ?? []).Any(b => Text(b?["metadataBadgeRenderer"]?["style"]) == "BADGE_STYLE_TYPE_LIVE_NOW")
                     || (video["thumbnailOverlays"] as JsonArray ?? []).Any(t => Text(t?["thumbnailOverlayTimeStatusRenderer"]?["style"]) == "LIVE");
        return new SearchResult
        {
            Kind = "video",
            Id = id,
            Title = Runs(video["title"]) ?? id,
            Url = $"https://www.youtube.com/watch?v={id}",
            Thumbnail = LargestThumbnail(video["thumbnail"]?["thumbnails"]),
            Author = Text(owner?["text"]),
            ChannelId = Text(owner?["navigationEndpoint"]?["browseEndpoint"]?["browseId"]),
            Description = Runs((video["detailedMetadataSnippets"] as JsonArray)?.FirstOrDefault()?["snippetText"]) ?? Runs(video["descriptionSnippet"]),
            Duration = isLive ? null : Clock(Runs(video["lengthText"])),
            ViewCount = LeadingCount(Runs(video["viewCountText"])),
            IsLive = isLive,
            Published = Runs(video["publishedTimeText"]),
        };
    }

    private static SearchResult? Playlist(JsonObject playlist)
    {
        if (Text(playlist["playlistId"]) is not { } id)
        {
            return null;
        }
        var owner = (playlist["shortBylineText"] ?? playlist["longBylineText"])?["runs"]?[0];
        return new SearchResult
        {
            Kind = "playlist",
            Id = id,
            Title = Runs(playlist["title"]) ?? id,
            Url = $"https://www.youtube.com/playlist?list={id}",
            Thumbnail = LargestThumbnail((playlist["thumbnails"] as JsonArray)?.FirstOrDefault()?["thumbnails"]),
            Author = Text(owner?["text"]),
            ChannelId = Text(owner?["navigationEndpoint"]?["browseEndpoint"]?["browseId"]),
            VideoCount = (int?)LeadingCount(Text(playlist["videoCount"]) ?? Runs(playlist["videoCountText"])),
        };
    }

    /// <summary>The 2024+ playlist result: a <c>lockupViewModel</c> of content type playlist.</summary>
    private static SearchResult? Lockup(JsonObject lockup)
    {
        if (Text(lockup["contentId"]) is not { } id || Text(lockup["contentType"]) is not ("LOCKUP_CONTENT_TYPE_PLAYLIST" or null))
        {
            return null;
        }
        var metadata = lockup["metadata"]?["lockupMetadataViewModel"];
        var parts = (metadata?["metadata"]?["contentMetadataViewModel"]?["metadataRows"] as JsonArray)?.FirstOrDefault()?["metadataParts"] as JsonArray;
        var author = parts?.FirstOrDefault()?["text"];
        var image = lockup["contentImage"]?["collectionThumbnailViewModel"]?["primaryThumbnail"]?["thumbnailViewModel"];
        var badge = (image?["overlays"] as JsonArray ?? [])
            .Select(o => (o?["thumbnailOverlayBadgeViewModel"]?["thumbnailBadges"] as JsonArray)?.FirstOrDefault()?["thumbnailBadgeViewModel"]?["text"])
            .Select(Text)
            .FirstOrDefault(t => t is not null);
        return new SearchResult
        {
            Kind = "playlist",
            Id = id,
            Title = Runs(metadata?["title"]) ?? id,
            Url = $"https://www.youtube.com/playlist?list={id}",
            Thumbnail = Text((image?["image"]?["sources"] as JsonArray)?.LastOrDefault()?["url"]),
            Author = Runs(author),
            ChannelId = Text((author?["commandRuns"] as JsonArray)?.FirstOrDefault()?["onTap"]?["innertubeCommand"]?["browseEndpoint"]?["browseId"]),
            VideoCount = (int?)LeadingCount(badge),
        };
    }

    private static SearchResult? Channel(JsonObject channel)
    {
        if (Text(channel["channelId"]) is not { } id || !YouTubeIds.IsChannelId(id))
        {
            return null;
        }
        // Since 2024 YouTube puts the handle in subscriberCountText and the subscribers in
        // videoCountText; read each by what it says, not where it sits.
        var texts = new[] { Runs(channel["subscriberCountText"]), Runs(channel["videoCountText"]) }.OfType<string>().ToList();
        return new SearchResult
        {
            Kind = "channel",
            Id = id,
            Title = Runs(channel["title"]) ?? id,
            Url = $"https://www.youtube.com/channel/{id}",
            Thumbnail = LargestThumbnail(channel["thumbnail"]?["thumbnails"]),
            Description = Runs(channel["descriptionSnippet"]),
            Handle = texts.FirstOrDefault(t => t.StartsWith('@')),
            Subscribers = texts.FirstOrDefault(t => t.Contains("subscriber", StringComparison.OrdinalIgnoreCase)),
            VideoCount = (int?)LeadingCount(texts.FirstOrDefault(t => t.Contains("video", StringComparison.OrdinalIgnoreCase))),
        };
    }
}
