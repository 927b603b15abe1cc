namespace VideoPlatform.Metadata.Extractors.YouTube;

/// <summary>
/// A video's details read from its watch page (<c>next</c>) and the WEB player's microformat, which
/// mobile clients' answers lack; each null when neither said.
/// </summary>
public sealed record WatchNextDetails(long? LikeCount, string? UploadDate, string? Category = null, long? ViewCount = null);
