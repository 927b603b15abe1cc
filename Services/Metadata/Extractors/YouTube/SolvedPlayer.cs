namespace VideoPlatform.Metadata.Extractors.YouTube;

/// <summary>
/// What solving one player version yields, as kept in Redis for every replica: the script made to run
/// headless, which of its exported functions builds stream URLs, and the signature timestamp
/// clients that need the player must send. Keyed by version and <see cref="PlayerSolver.Version"/>, so
/// a changed solver never reads an older one's answer.
/// </summary>
public sealed record SolvedPlayer(
    string Version,
    int SolverVersion,
    string Variant,
    int? SignatureTimestamp,
    string Script,
    int BuilderIndex,
    string Builder);
