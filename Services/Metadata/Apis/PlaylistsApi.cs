using Microsoft.AspNetCore.Http.HttpResults;
using VideoPlatform.Contracts;
using VideoPlatform.Contracts.Metadata;
using VideoPlatform.Metadata.Extractors;
using VideoPlatform.Metadata.Extractors.YouTube;

namespace VideoPlatform.Metadata.Apis;

internal static class PlaylistsApi
{
    private const int MaxLimit = 1000;

    public static IEndpointRouteBuilder MapPlaylistsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v2/playlists/{platform}/{playlistId}", GetPlaylist).WithName("GetPlaylist").WithTags("Playlists")
            .WithSummary("A page of a playlist's videos (?limit=, default 100, at most 1000), following continuations; ?cursor= for the next page.");
        // A catch-all, so that c/name and user/name (as /api/v2/resolve gives them) fit.
        app.MapGet("/api/v2/channels/{platform}/{**channel}", GetChannel).WithName("GetChannel").WithTags("Playlists")
            .WithSummary("A channel's uploads, paged like a playlist. The channel as UC…, @handle, c/name or user/name.");
        return app;
    }

    private static async Task<Ok<Playlist>> GetPlaylist(string platform, string playlistId, int? limit, string? cursor,
        YouTubePlaylists playlists, IEnumerable<IPlaylistSource> sources, CancellationToken cancellationToken)
    {
        if (sources.FirstOrDefault(s => string.Equals(s.Platform, platform, StringComparison.OrdinalIgnoreCase)) is { } source)
        {
            return source.IsPlaylistId(playlistId)
                ? TypedResults.Ok(await source.GetPlaylistAsync(playlistId, Limit(limit), Cursor(cursor), cancellationToken))
                : throw new PlatformException(ErrorCodes.InvalidRequest, $"'{playlistId}' is not a {source.Platform} playlist id.");
        }
        RequireYouTube(platform);
        if (!YouTubeIds.IsPlaylistId(playlistId))
        {
            throw new PlatformException(ErrorCodes.InvalidRequest, "That is not a YouTube playlist id (PL…, UU…, OLAK5uy_…, RD…).");
        }
        return TypedResults.Ok(await playlists.GetAsync(playlistId, Limit(limit), Cursor(cursor), cancellationToken));
    }

    private static async Task<Ok<Playlist>> GetChannel(string platform, string channel, int? limit, string? cursor,
        YouTubePlaylists playlists, YouTubeChannels channels, CancellationToken cancellationToken)
    {
        RequireYouTube(platform);
        var reference = YouTubeChannels.Normalize(channel)
            ?? throw new PlatformException(ErrorCodes.InvalidRequest, "Give the channel as UC… (24 characters), @handle, c/name or user/name.");
        var (size, token) = (Limit(limit), Cursor(cursor));
        var channelId = await channels.ResolveIdAsync(reference, cancellationToken);
        return TypedResults.Ok(await playlists.GetChannelVideosAsync(channelId, size, token, cancellationToken));
    }

    private static void RequireYouTube(string platform)
    {
        if (!string.Equals(platform, "youtube", StringComparison.OrdinalIgnoreCase))
        {
            throw new PlatformException(ErrorCodes.UnsupportedPlatform, "Channels are served for YouTube only; playlists for YouTube and BiliBili.");
        }
    }

    private static int Limit(int? limit) => limit is null ? 100
        : limit is >= 1 and <= MaxLimit ? limit.Value
        : throw new PlatformException(ErrorCodes.InvalidRequest, $"limit must be between 1 and {MaxLimit}.");

    /// <summary>A continuation cursor as this API hands them out, or a 400.</summary>
    internal static string? Cursor(string? cursor) => cursor is null ? null
        : cursor.Length <= 2048 && cursor.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '=' or '%') ? cursor
        : throw new PlatformException(ErrorCodes.InvalidRequest, "The cursor is not one this API gave out.");
}
