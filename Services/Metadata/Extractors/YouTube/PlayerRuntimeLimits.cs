namespace VideoPlatform.Metadata.Extractors.YouTube;

/// <summary>The budgets a <see cref="PlayerRuntime"/> gives the player's load, its candidates and each call.</summary>
internal sealed record PlayerRuntimeLimits(
    TimeSpan LoadTimeout,
    long LoadMaxAllocatedBytes,
    long LoadMaxStatements,
    TimeSpan CandidateTimeout,
    TimeSpan CallTimeout,
    long CallMaxAllocatedBytes,
    long CallMaxStatements,
    int MaxRecursion)
{
    public static PlayerRuntimeLimits From(PlayerSolverOptions solver, YouTubeOptions calls) => new(
        solver.LoadTimeout, solver.LoadMaxAllocatedBytes, solver.LoadMaxStatements, solver.CandidateTimeout,
        calls.PlayerScriptTimeout, calls.PlayerScriptMaxMemoryBytes, calls.PlayerScriptMaxStatements, calls.PlayerScriptMaxRecursion);
}
