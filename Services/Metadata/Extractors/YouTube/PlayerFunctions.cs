namespace VideoPlatform.Metadata.Extractors.YouTube;

/// <summary>
/// What one player version yields: its signature timestamp and the standalone scripts of its two
/// transforms (or why one could not be found). Immutable per version, so cached for a long time,
/// in Redis too, sparing other replicas the multi-megabyte download.
/// </summary>
[System.ComponentModel.ImmutableObject(true)]
public sealed record PlayerFunctions(
    string Version,
    int? SignatureTimestamp,
    string? SignatureScript,
    string? SignatureError,
    string? NScript,
    string? NError);
