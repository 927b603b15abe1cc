namespace VideoPlatform.Metadata.Extractors.YouTube;

/// <summary>A player script stopped for using more than its <see cref="PlayerScriptBudget"/>.</summary>
internal sealed class PlayerScriptLimitException(string message) : Exception(message);
