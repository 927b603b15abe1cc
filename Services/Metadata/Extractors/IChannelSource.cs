using VideoPlatform.Contracts.Metadata;

namespace VideoPlatform.Metadata.Extractors;

/// <summary>A platform's channels, served by <c>GET /api/v2/channels/{platform}/{channel}</c>, paged like a playlist.</summary>
public interface IChannelSource
{
    /// <summary>The platform name, as in <see cref="PlatformInfo.Name"/>.</summary>
    string Platform { get; }

    /// <summary>The canonical form of a channel reference, or null when it is none (no upstream call).</summary>
    string? Normalize(string reference);

    /// <summary>Up to <paramref name="limit"/> of the channel's videos from <paramref name="cursor"/> (null: the newest).</summary>
    Task<Playlist> GetVideosAsync(string reference, int limit, string? cursor, CancellationToken cancellationToken);
}
