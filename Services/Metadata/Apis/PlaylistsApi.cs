using Microsoft.AspNetCore.Http.HttpResults;
using VideoPlatform.Contracts;
using VideoPlatform.Contracts.Metadata;
using VideoPlatform.Metadata.Extractors;

namespace VideoPlatform.Metadata.Apis;

internal static class PlaylistsApi
{
    public static IEndpointRouteBuilder MapPlaylistsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v2/playlists/{platform}/{playlistId}", GetPlaylist).WithName("GetPlaylist").WithTags("Playlists")
            .ProducesProblems([ErrorCodes.UnsupportedPlatform, ErrorCodes.InvalidRequest, ErrorCodes.NotFound, ErrorCodes.LoginRequired, .. MetadataProblems.PlatformCall])
            .WithSummary($"A page of a playlist's videos (?limit=, default 100, at most {PageQuery.MaxLimit}), following continuations; ?cursor= for the next page.");
        // A catch-all, so that c/name and user/name (as /api/v2/resolve gives them) fit.
        app.MapGet("/api/v2/channels/{platform}/{**channel}", GetChannel).WithName("GetChannel").WithTags("Playlists")
            .ProducesProblems(ErrorCodes.UnsupportedPlatform, ErrorCodes.InvalidRequest, ErrorCodes.NotFound, ErrorCodes.UpstreamUnavailable, ErrorCodes.UpstreamThrottled)
            .WithSummary("A channel's videos (YouTube: its Videos tab), paged like a playlist. The channel as UC…, @handle, c/name or user/name.");
        return app;
    }

    private static async Task<Ok<Playlist>> GetPlaylist(string platform, string playlistId, [AsParameters] PageQuery page,
        IEnumerable<IPlaylistSource> sources, CancellationToken cancellationToken)
    {
        var source = sources.FirstOrDefault(s => string.Equals(s.Platform, platform, StringComparison.OrdinalIgnoreCase))
            ?? throw new ProblemException(ErrorCodes.UnsupportedPlatform, $"Playlists are served for {string.Join(" and ", sources.Select(s => s.Platform))}.");
        return source.IsPlaylistId(playlistId)
            ? TypedResults.Ok(await source.GetPlaylistAsync(playlistId, page.CheckedLimit, page.CheckedCursor, cancellationToken))
            : throw new ProblemException(ErrorCodes.InvalidRequest, $"'{playlistId}' is not a {source.Platform} playlist id.");
    }

    private static async Task<Ok<Playlist>> GetChannel(string platform, string channel, [AsParameters] PageQuery page,
        IEnumerable<IChannelSource> sources, CancellationToken cancellationToken)
    {
        var source = sources.FirstOrDefault(s => string.Equals(s.Platform, platform, StringComparison.OrdinalIgnoreCase))
            ?? throw new ProblemException(ErrorCodes.UnsupportedPlatform, $"Channels are served for {string.Join(" and ", sources.Select(s => s.Platform))}.");
        var reference = source.Normalize(channel)
            ?? throw new ProblemException(ErrorCodes.InvalidRequest, $"'{channel}' is not a {source.Platform} channel; give it as the platform names channels (YouTube: UC… of 24 characters, @handle, c/name or user/name).");
        return TypedResults.Ok(await source.GetVideosAsync(reference, page.CheckedLimit, page.CheckedCursor, cancellationToken));
    }
}
