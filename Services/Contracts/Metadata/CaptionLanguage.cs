namespace VideoPlatform.Contracts.Metadata;

/// <summary>A language caption tracks can be translated into.</summary>
public sealed record CaptionLanguage(string LanguageCode, string Name);
