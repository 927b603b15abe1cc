namespace VideoPlatform.TestSupport.YouTube;

/// <summary>For one real player, challenge → answer pairs as an independent solver computed them.</summary>
public sealed record PlayerOracle(IReadOnlyDictionary<string, string> N, IReadOnlyDictionary<string, string> Signature);
