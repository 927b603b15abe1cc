using VideoPlatform.Contracts.Metadata;

namespace VideoPlatform.Metadata.Extractors;

/// <summary>
/// A platform's playlists, served by <c>GET /api/v2/playlists/{platform}/{id}</c> with the same
/// <c>limit</c> and <c>cursor</c> paging for every platform.
/// </summary>
public interface IPlaylistSource
{
    /// <summary>The platform name, as in <see cref="PlatformInfo.Name"/>.</summary>
    string Platform { get; }

    /// <summary>True when <paramref name="playlistId"/> is well formed for this platform.</summary>
    bool IsPlaylistId(string playlistId);

    /// <summary>Up to <paramref name="limit"/> items from <paramref name="cursor"/> (null: the start).</summary>
    Task<Playlist> GetPlaylistAsync(string playlistId, int limit, string? cursor, CancellationToken cancellationToken);
}
