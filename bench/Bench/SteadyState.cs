namespace VideoPlatform.Bench;

/// <summary>
/// Loads a process until its JIT has settled: tiered compilation recompiles hot methods with
/// optimisations in the background, and a service has far more of them than a bare Kestrel. On a
/// busy shared machine a fixed few seconds left a third of the service's CPU in the compiler during
/// the measured run (a profile of the first scenario showed it), so both sides are warmed until a
/// whole round passes without the compiler working, within a bound.
/// </summary>
internal static class SteadyState
{
    private static readonly TimeSpan Round = TimeSpan.FromSeconds(3);
    private const int MaxRounds = 10;

    // 20 ms of compiler time in a 3 s round: the odd late method, not a hot path still compiling.
    private const long SettledTicks = 2;

    /// <summary>Loads <paramref name="url"/>, served by <paramref name="pid"/>, until a round goes by without compiling; returns the rounds it took.</summary>
    public static async Task<int> WarmUpAsync(string url, int pid, int connections)
    {
        for (var round = 1; ; round++)
        {
            var before = Machine.TieredCompilerTicks(pid);
            await Wrk.RunAsync(url, Round, connections);
            var compiled = Machine.TieredCompilerTicks(pid).Sum(t => t.Value - before.GetValueOrDefault(t.Key));
            if (compiled <= SettledTicks || round == MaxRounds)
            {
                return round;
            }
        }
    }
}
