namespace VideoPlatform.Metadata.Extractors.YouTube;

/// <summary>
/// One build of a player version: YouTube serves the same player compiled for several targets, under
/// <c>/s/player/{version}/…</c>. Their code differs in syntax, not in what it does.
/// </summary>
public sealed record PlayerVariant(string Name, string Path)
{
    public static IReadOnlyList<PlayerVariant> Known { get; } =
    [
        new("main", "player_ias.vflset/en_US/base.js"),
        new("es6", "player_es6.vflset/en_US/base.js"),
        new("tv", "tv-player-ias.vflset/tv-player-ias.js"),
    ];

    public string PathFor(string version) => $"/s/player/{version}/{Path}";
}
