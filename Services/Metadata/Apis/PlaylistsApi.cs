using Microsoft.AspNetCore.Http.HttpResults;
using VideoPlatform.Contracts;
using VideoPlatform.Contracts.Metadata;
using VideoPlatform.Metadata.Extractors;

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
            .WithSummary("A channel's videos (YouTube: its Videos tab), paged like a playlist. The channel as UC…, @handle, c/name or user/name.");
        return app;
    }

    private static async Task<Ok<Playlist>> GetPlaylist(string platform, string playlistId, int? limit, string? cursor,
        IEnumerable<IPlaylistSource> sources, CancellationToken cancellationToken)
    {
        var source = sources.FirstOrDefault(s => string.Equals(s.Platform, platform, StringComparison.OrdinalIgnoreCase))
            ?? throw new PlatformException(ErrorCodes.UnsupportedPlatform, $"Playlists are served for {string.Join(" and ", sources.Select(s => s.Platform))}.");
        return source.IsPlaylistId(playlistId)
            ? TypedResults.Ok(await source.GetPlaylistAsync(playlistId, Limit(limit), Cursor(cursor), cancellationToken))
            : throw new PlatformException(ErrorCodes.InvalidRequest, $"'{playlistId}' is not a {source.Platform} playlist id.");
    }

    private static async Task<Ok<Playlist>> GetChannel(string platform, string channel, int? limit, string? cursor,
        IEnumerable<IChannelSource> sources, CancellationToken cancellationToken)
    {
        var source = sources.FirstOrDefault(s => string.Equals(s.Platform, platform, StringComparison.OrdinalIgnoreCase))
            ?? throw new PlatformException(ErrorCodes.UnsupportedPlatform, $"Channels are served for {string.Join(" and ", sources.Select(s => s.Platform))}.");
        var reference = source.Normalize(channel)
            ?? throw new PlatformException(ErrorCodes.InvalidRequest, $"'{channel}' is not a {source.Platform} channel; give it as the platform names channels (YouTube: UC… of 24 characters, @handle, c/name or user/name).");
        return TypedResults.Ok(await source.GetVideosAsync(reference, Limit(limit), Cursor(cursor), cancellationToken));
    }

    private static int Limit(int? limit) => limit is null ? 100
        : limit is >= 1 and <= MaxLimit ? limit.Value
        : throw new PlatformException(ErrorCodes.InvalidRequest, $"limit must be between 1 and {MaxLimit}.");

    /// <summary>A continuation cursor as this API hands them out, or a 400.</summary>
    internal static string? Cursor(string? cursor) => cursor is null ? null
        : cursor.Length <= 2048 && cursor.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '=' or '%') ? cursor
        : throw new PlatformException(ErrorCodes.InvalidRequest, "The cursor is not one this API gave out.");
}
