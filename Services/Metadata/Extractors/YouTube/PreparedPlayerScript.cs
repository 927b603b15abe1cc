namespace VideoPlatform.Metadata.Extractors.YouTube;

/// <summary>
/// A player script made to run headless, and the expressions (in the order the player defines them)
/// of the functions it hands over as possible stream-URL builders.
/// </summary>
internal sealed record PreparedPlayerScript(string Script, IReadOnlyList<string> Candidates);
