using System.Globalization;
using System.Text.Json.Nodes;
using VideoPlatform.Contracts;
using VideoPlatform.Contracts.Metadata;

namespace VideoPlatform.Metadata.Extractors.Bilibili;

/// <summary>
/// BiliBili playlists. A video id (<c>BV…</c>, <c>av…</c>) is the playlist of its parts when it has
/// several, else of the UGC collection it belongs to (its view's <c>ugc_season</c>), else of itself;
/// <c>season-{mid}-{season_id}</c> is a collection read page by page from the space API. The cursor
/// is the number of items already given, so any page can be asked again.
/// </summary>
public sealed class BilibiliPlaylists(BilibiliClient bilibili) : IPlaylistSource
{
    /// <summary>The collection API's own default page size.</summary>
    private const int UpstreamPageSize = 30;
    private const int MaxOffset = 100_000;

    public string Platform => "bilibili";

    public bool IsPlaylistId(string playlistId) =>
        BilibiliIds.TryParseSeason(playlistId, out _, out _)
        || BilibiliIds.TryParseBangumiSeason(playlistId, out _)
        || !playlistId.Contains("_p", StringComparison.Ordinal) && BilibiliIds.TryParse(playlistId, out _, out _);

    public async Task<Playlist> GetPlaylistAsync(string playlistId, int limit, string? cursor, CancellationToken cancellationToken)
    {
        var offset = Offset(cursor);
        if (BilibiliIds.TryParseSeason(playlistId, out var mid, out var seasonId))
        {
            return await SeasonAsync(playlistId, mid, seasonId, offset, limit, cancellationToken);
        }
        if (BilibiliIds.TryParseBangumiSeason(playlistId, out var bangumiId))
        {
            return await BangumiAsync(playlistId, bangumiId, offset, limit, cancellationToken);
        }

        BilibiliIds.TryParse(playlistId, out var bvid, out _);
        var view = await bilibili.GetViewAsync(bvid, cancellationToken);
        var owner = view["owner"]?["name"]?.GetValue<string>();
        var pages = (view["pages"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        if (pages.Count <= 1 && view["ugc_season"] is JsonObject season)
        {
            var episodes = (season["sections"] as JsonArray ?? []).OfType<JsonObject>()
                .SelectMany(s => (s["episodes"] as JsonArray ?? []).OfType<JsonObject>())
                .Select((e, i) => new PlaylistItem(
                    e["bvid"]?.GetValue<string>() ?? "",
                    e["title"]?.GetValue<string>() ?? "",
                    e["arc"]?["duration"]?.GetValue<double>() ?? e["page"]?["duration"]?.GetValue<double>(),
                    BilibiliUrls.Https(e["arc"]?["pic"]?.GetValue<string>()),
                    e["arc"]?["author"]?["name"]?.GetValue<string>() ?? owner,
                    i + 1))
                .ToList();
            return Page(new Playlist
            {
                Id = playlistId,
                Platform = Platform,
                Title = season["title"]?.GetValue<string>(),
                Description = season["intro"]?.GetValue<string>(),
                Author = owner,
                ChannelId = season["mid"]?.ToString(),
                VideoCount = season["ep_count"]?.GetValue<int>() ?? episodes.Count,
            }, episodes, offset, limit);
        }

        var title = view["title"]?.GetValue<string>() ?? bvid;
        var parts = pages.Count == 0
            ? [new PlaylistItem(bvid, title, view["duration"]?.GetValue<double>(), BilibiliUrls.Https(view["pic"]?.GetValue<string>()), owner, 1)]
            : pages.Select(p =>
            {
                var n = p["page"]?.GetValue<int>() ?? 1;
                // Part 1 is the video itself, as its URL without ?p= resolves.
                return new PlaylistItem(
                    n == 1 ? bvid : $"{bvid}_p{n}",
                    p["part"]?.GetValue<string>() ?? $"P{n}",
                    p["duration"]?.GetValue<double>(),
                    BilibiliUrls.Https(p["first_frame"]?.GetValue<string>() ?? view["pic"]?.GetValue<string>()),
                    owner,
                    n);
            }).ToList();
        return Page(new Playlist
        {
            Id = playlistId,
            Platform = Platform,
            Title = title,
            Description = view["desc"]?.GetValue<string>(),
            Author = owner,
            ChannelId = view["owner"]?["mid"]?.ToString(),
            VideoCount = parts.Count,
        }, parts, offset, limit);
    }

    /// <summary>A bangumi season's episodes (<c>ep…</c> video ids), main ones first, then extras.</summary>
    private async Task<Playlist> BangumiAsync(string playlistId, long seasonId, int offset, int limit, CancellationToken cancellationToken)
    {
        JsonObject season;
        try
        {
            season = await bilibili.GetBangumiSeasonAsync(null, seasonId, cancellationToken);
        }
        catch (ProblemException ex) when (ex.Code == ErrorCodes.VideoUnavailable)
        {
            throw new ProblemException(ErrorCodes.NotFound, $"BiliBili has no bangumi season {seasonId}.", ex);
        }
        var author = season["up_info"]?["uname"]?.GetValue<string>();
        var episodes = BangumiSeason.Episodes(season)
            .Select((e, i) => new PlaylistItem(
                $"ep{e["id"]}",
                BangumiSeason.EpisodeTitle(e),
                BangumiSeason.Duration(e),
                BilibiliUrls.Https(e["cover"]?.GetValue<string>()),
                author,
                i + 1))
            .ToList();
        return Page(new Playlist
        {
            Id = playlistId,
            Platform = Platform,
            Title = season["season_title"]?.GetValue<string>() ?? season["title"]?.GetValue<string>(),
            Description = season["evaluate"]?.GetValue<string>(),
            Author = author,
            ChannelId = season["up_info"]?["mid"]?.ToString(),
            VideoCount = episodes.Count,
        }, episodes, offset, limit);
    }

    private async Task<Playlist> SeasonAsync(string playlistId, long mid, long seasonId, int offset, int limit, CancellationToken cancellationToken)
    {
        var items = new List<PlaylistItem>();
        JsonObject? meta = null;
        var total = 0;
        // Upstream pages of a fixed size, from the one holding the offset until the limit is met.
        for (var page = offset / UpstreamPageSize + 1; ; page++)
        {
            JsonObject data;
            try
            {
                data = await bilibili.GetSeasonArchivesAsync(mid, seasonId, page, UpstreamPageSize, cancellationToken);
            }
            catch (ProblemException ex) when (ex.Code == ErrorCodes.VideoUnavailable)
            {
                throw new ProblemException(ErrorCodes.NotFound, $"BiliBili has no collection {seasonId} of user {mid}.", ex);
            }
            meta ??= data["meta"] as JsonObject;
            total = data["page"]?["total"]?.GetValue<int>() ?? meta?["total"]?.GetValue<int>() ?? 0;
            var archives = (data["archives"] as JsonArray ?? []).OfType<JsonObject>().ToList();
            var first = (page - 1) * UpstreamPageSize;
            items.AddRange(archives.Select((a, i) => new PlaylistItem(
                    a["bvid"]?.GetValue<string>() ?? "",
                    a["title"]?.GetValue<string>() ?? "",
                    a["duration"]?.GetValue<double>(),
                    BilibiliUrls.Https(a["pic"]?.GetValue<string>()),
                    null,
                    first + i + 1))
                .Where(item => item.Index > offset));
            if (archives.Count == 0 || items.Count >= limit || page * UpstreamPageSize >= total)
            {
                break;
            }
        }
        if (meta is null || total == 0 && offset == 0)
        {
            throw new ProblemException(ErrorCodes.NotFound, $"BiliBili has no collection {seasonId} of user {mid}.");
        }

        var taken = items.Take(limit).ToList();
        var next = offset + taken.Count;
        return new Playlist
        {
            Id = playlistId,
            Platform = Platform,
            Title = meta["name"]?.GetValue<string>(),
            Description = meta["description"]?.GetValue<string>(),
            ChannelId = meta["mid"]?.ToString(),
            VideoCount = total,
            Items = taken,
            NextCursor = taken.Count > 0 && next < total ? next.ToString(CultureInfo.InvariantCulture) : null,
        };
    }

    private static Playlist Page(Playlist details, List<PlaylistItem> all, int offset, int limit)
    {
        var items = all.Skip(offset).Take(limit).ToList();
        var next = offset + items.Count;
        return details with
        {
            Items = items,
            NextCursor = next < all.Count ? next.ToString(CultureInfo.InvariantCulture) : null,
        };
    }

    private static int Offset(string? cursor) =>
        cursor is null ? 0
        : int.TryParse(cursor, NumberStyles.None, CultureInfo.InvariantCulture, out var offset) && offset <= MaxOffset ? offset
        : throw new ProblemException(ErrorCodes.InvalidRequest, "The cursor is not one this API gave out.");
}
