namespace VideoPlatform.Metadata.Extractors.YouTube;

/// <summary>
/// What one player request carries besides the video: the player's signature timestamp (for the
/// clients that need the player), the visitor data, and a PO token (serviceIntegrityDimensions).
/// </summary>
public sealed record PlayerCall(int? SignatureTimestamp = null, string? VisitorData = null, string? PoToken = null);
