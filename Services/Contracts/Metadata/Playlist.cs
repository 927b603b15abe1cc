namespace VideoPlatform.Contracts.Metadata;

/// <summary>
/// One page of a playlist (<c>GET /api/v2/playlists/{platform}/{id}</c>) or of a channel's uploads.
/// <see cref="NextCursor"/> asks for the next page; null on the last.
/// </summary>
public sealed record Playlist
{
    public required string Id { get; init; }
    public required string Platform { get; init; }
    public string? Title { get; init; }
    public string? Description { get; init; }
    public string? Author { get; init; }
    public string? ChannelId { get; init; }
    public int? VideoCount { get; init; }
    public IReadOnlyList<PlaylistItem> Items { get; init; } = [];
    public string? NextCursor { get; init; }
}

/// <summary>A video of a playlist.</summary>
public sealed record PlaylistItem(string Id, string Title, double? Duration, string? Thumbnail, string? Author, int? Index);
