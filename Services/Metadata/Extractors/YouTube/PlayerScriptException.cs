namespace VideoPlatform.Metadata.Extractors.YouTube;

/// <summary>A player script that cannot be made to build stream URLs; the message says why.</summary>
public sealed class PlayerScriptException(string message, Exception? inner = null) : Exception(message, inner);
