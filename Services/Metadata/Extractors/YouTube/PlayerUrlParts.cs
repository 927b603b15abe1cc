namespace VideoPlatform.Metadata.Extractors.YouTube;

/// <summary>
/// What a player's stream-URL builder put in one URL: <c>alr</c>, the transformed <c>n</c> and the
/// deciphered signature, or why it gave nothing.
/// </summary>
internal readonly record struct PlayerUrlParts(string? Alr, string? N, string? Signature, string? Failure);
