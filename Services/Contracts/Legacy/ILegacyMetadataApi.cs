using Refit;

namespace VideoPlatform.Contracts.Legacy;

/// <summary>
/// Metadata routes legacy needs beyond <see cref="Metadata.IMetadataApi"/>. Answers are read as
/// raw JSON text and mapped field by field, so legacy keeps working while those shapes settle.
/// </summary>
public interface ILegacyMetadataApi
{
    /// <summary>A playlist with its entries: <c>GET /api/v2/playlists/{platform}/{playlistId}</c>.</summary>
    [Get("/api/v2/playlists/{platform}/{playlistId}")]
    Task<string> GetPlaylistAsync(string platform, string playlistId, CancellationToken cancellationToken = default);
}
