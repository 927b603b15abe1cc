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
public sealed class YouTubeSearch(InnerTubeClient innerTube) : ISearchSource
{
    /// <summary>The <c>params</c> filter of each result type (protobuf, base64): videos, playlists, channels; none for all.</summary>
    private static readonly Dictionary<string, string?> Filters = new(StringComparer.Ordinal)
    {
        ["video"] = "EgIQAQ%3D%3D",
        ["playlist"] = "EgIQAw%3D%3D",
        ["channel"] = "EgIQAg%3D%3D",
        ["all"] = null,
    };

    public string Platform => "youtube";

    public IReadOnlyCollection<string> Types => Filters.Keys;

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
                        ("lockupViewModel", JsonObject l) => Lockup(l, type),
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

    /// <summary>The 2024+ result: a <c>lockupViewModel</c>, of a playlist or (in 2026, among others) of a video.</summary>
    private static SearchResult? Lockup(JsonObject node, string type)
    {
        if (YouTube.Lockup.Read(node) is not { } lockup)
        {
            return null;
        }
        if (lockup.IsVideo && type is "video" or "all" && YouTubeIds.IsVideoId(lockup.Id))
        {
            var isLive = lockup.Badge?.Equals("LIVE", StringComparison.OrdinalIgnoreCase) == true;
            return new SearchResult
            {
                Kind = "video",
                Id = lockup.Id,
                Title = lockup.Title ?? lockup.Id,
                Url = $"https://www.youtube.com/watch?v={lockup.Id}",
                Thumbnail = lockup.Thumbnail,
                Author = lockup.Author,
                ChannelId = lockup.ChannelId,
                Duration = isLive ? null : Clock(lockup.Badge),
                ViewCount = LeadingCount(lockup.Details.FirstOrDefault(d => d.Contains("view", StringComparison.OrdinalIgnoreCase))),
                IsLive = isLive,
                Published = lockup.Details.FirstOrDefault(d => d.EndsWith(" ago", StringComparison.Ordinal)),
            };
        }
        if (!lockup.IsPlaylist || type is not ("playlist" or "all"))
        {
            return null;
        }
        return new SearchResult
        {
            Kind = "playlist",
            Id = lockup.Id,
            Title = lockup.Title ?? lockup.Id,
            Url = $"https://www.youtube.com/playlist?list={lockup.Id}",
            Thumbnail = lockup.Thumbnail,
            Author = lockup.Author,
            ChannelId = lockup.ChannelId,
            VideoCount = (int?)LeadingCount(lockup.Badge),
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
