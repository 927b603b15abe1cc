using System.Globalization;
using System.Text.RegularExpressions;

namespace VideoPlatform.Metadata.Extractors.YouTube;

/// <summary>
/// Solves a player version: runs its top-level code (<see cref="PlayerScriptPreparer"/>,
/// <see cref="PlayerRuntime"/>) and takes, of the functions that mention <c>alr</c>, the one that does
/// what a stream-URL builder does to a made-up URL: sets <c>alr=yes</c>, transforms <c>n</c> and
/// deciphers the signature. Which function that is, and what its cipher helpers look like, is never
/// assumed.
/// </summary>
internal static partial class PlayerSolver
{
    /// <summary>Changes whenever a change here makes earlier answers kept in Redis wrong.</summary>
    public const int Version = 1;

    // Made-up challenges of the lengths YouTube sends (n: 16-17 characters; a scrambled signature: 100-110).
    private const string ProbeN = "kq3Vd8TzR1mYpWx0";
    private const string ProbeSignature =
        "Q2ZCo0mWv1KpFj8XuL5TsR3yHn6BdG9aEe4Ii7Oo0Uu2Ww8Yy1Zz5Xx3Cc6Vv9Bb4Nn7Mm0Ll2Kk5Jj8Hh1Gg4Ff7Dd0Ss3Aa6Qq9Ww2Ee5Rr8TtAAAA";

    private const string UrlBase = "https://rr1---sn-solver.googlevideo.com/videoplayback?expire=1900000000&id=o-solver&itag=18"
                                   + "&source=youtube&requiressl=yes";

    private const string ProbeUrl = UrlBase + "&n=" + ProbeN;

    public static (SolvedPlayer Solved, PlayerRuntime Runtime) Solve(string version, string variant, string player, PlayerRuntimeLimits limits,
        CancellationToken cancellationToken)
    {
        var prepared = PlayerScriptPreparer.Prepare(player);
        if (prepared.Candidates.Count == 0)
        {
            throw new PlayerScriptException("no function of the player sets alr on a URL, as a stream-URL builder does");
        }
        var runtime = PlayerRuntime.Load(prepared.Script, limits, cancellationToken);
        var failures = new List<string>();
        for (var i = 0; i < runtime.CandidateCount; i++)
        {
            var parts = runtime.TryCandidate(i, ProbeUrl, "sig", ProbeSignature, cancellationToken);
            if (Accepts(parts) && Agrees(runtime, i, parts, cancellationToken))
            {
                runtime.UseBuilder(i);
                return (new SolvedPlayer(version, Version, variant, SignatureTimestamp(player), prepared.Script, i, prepared.Candidates[i]), runtime);
            }
            failures.Add($"{prepared.Candidates[i]}: {parts.Failure ?? "not a stream-URL builder"}");
        }
        throw new PlayerScriptException(
            $"none of the {runtime.CandidateCount} functions that set alr builds a stream URL ({string.Join("; ", failures.Take(6))})");
    }

    /// <summary>A solve read back from Redis: the kept script run again, its builder checked before use.</summary>
    public static PlayerRuntime Load(SolvedPlayer solved, PlayerRuntimeLimits limits, CancellationToken cancellationToken)
    {
        var runtime = PlayerRuntime.Load(solved.Script, limits, cancellationToken);
        if (solved.BuilderIndex >= runtime.CandidateCount
            || !Accepts(runtime.TryCandidate(solved.BuilderIndex, ProbeUrl, "sig", ProbeSignature, cancellationToken)))
        {
            throw new PlayerScriptException($"the stored solve's builder {solved.Builder} no longer builds stream URLs");
        }
        runtime.UseBuilder(solved.BuilderIndex);
        return runtime;
    }

    /// <summary>The <c>signatureTimestamp</c> (sts) a client must send for URLs this player deciphers.</summary>
    public static int? SignatureTimestamp(string player) =>
        SignatureTimestampPattern().Match(player) is { Success: true } match
            ? int.Parse(match.Groups[1].ValueSpan, CultureInfo.InvariantCulture)
            : null;

    private static bool Accepts(PlayerUrlParts parts) =>
        parts is { Alr: "yes", N.Length: > 0, Signature.Length: > 0 }
        && parts.N != ProbeN
        && !parts.N.StartsWith("enhanced_except", StringComparison.Ordinal)
        && parts.Signature != ProbeSignature;

    /// <summary>
    /// The same builder, asked again with other inputs, answers consistently: the same input gives the
    /// same output, another input another one (a function that returns a constant is no transform).
    /// </summary>
    private static bool Agrees(PlayerRuntime runtime, int index, PlayerUrlParts first, CancellationToken cancellationToken)
    {
        var again = runtime.TryCandidate(index, ProbeUrl, "sig", ProbeSignature, cancellationToken);
        var other = runtime.TryCandidate(index, UrlWithN("Zr7pLw2Hc9QsXb4e"), "sig", ProbeSignature[1..], cancellationToken);
        return again == first && Accepts(other) && other.N != first.N && other.Signature != first.Signature;
    }

    /// <summary>A stream URL of the usual shape without an <c>n</c>, to hand the builder a signature alone.</summary>
    public const string UrlWithoutN = UrlBase;

    /// <summary>A stream URL of the usual shape carrying <paramref name="n"/>, to hand the builder.</summary>
    public static string UrlWithN(string n) => $"{UrlBase}&n={Uri.EscapeDataString(n)}";

    [GeneratedRegex(@"(?:signatureTimestamp|sts)\s*:\s*(\d{5})")]
    private static partial Regex SignatureTimestampPattern();
}
