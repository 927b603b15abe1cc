namespace VideoPlatform.Metadata.Tests.YouTube;

/// <summary>
/// Tests that solve real players: each solve allocates hundreds of megabytes in seconds, which
/// would show in the process-wide memory figures of tests running beside them
/// (<c>HostilePlatformTests</c>), so these run alone.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PlayerSolvingCollection
{
    public const string Name = "player solving";
}
