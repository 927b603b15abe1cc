namespace VideoPlatform.Metadata.Extractors.YouTube;

/// <summary>A video's details read from its watch page (<c>next</c>); each null when the page did not say.</summary>
public sealed record WatchNextDetails(long? LikeCount, string? UploadDate);
