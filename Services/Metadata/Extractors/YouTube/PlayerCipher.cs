using System.Collections.Concurrent;
using VideoPlatform.Contracts;

namespace VideoPlatform.Metadata.Extractors.YouTube;

/// <summary>
/// One solved player version: deciphers scrambled signatures and transforms <c>n</c> values by calling
/// the player's own stream-URL builder. Answers are remembered: one response's formats share an
/// <c>n</c> value, and the same scrambled signatures come back while a video is popular.
/// </summary>
public sealed class PlayerCipher
{
    private const int MaxRemembered = 4096;
    private readonly PlayerRuntime _runtime;
    private readonly ConcurrentDictionary<(char Kind, string Input), string> _answers = new();

    internal PlayerCipher(SolvedPlayer solved, PlayerRuntime runtime)
    {
        Solved = solved;
        _runtime = runtime;
    }

    public SolvedPlayer Solved { get; }

    public string Version => Solved.Version;

    /// <summary>The signature timestamp (sts) clients that need the player send in their player request.</summary>
    public int? SignatureTimestamp => Solved.SignatureTimestamp;

    /// <summary>Deciphers scrambled signatures and transforms <c>n</c> values; every input gets an answer or this throws.</summary>
    public (IReadOnlyDictionary<string, string> Signatures, IReadOnlyDictionary<string, string> Ns) Solve(
        IReadOnlyCollection<string> signatures, IReadOnlyCollection<string> ns, CancellationToken cancellationToken)
    {
        var solvedSignatures = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var scrambled in signatures.Distinct())
        {
            solvedSignatures[scrambled] = Answer('s', scrambled, cancellationToken);
        }
        var solvedNs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var n in ns.Distinct())
        {
            solvedNs[n] = Answer('n', n, cancellationToken);
        }
        return (solvedSignatures, solvedNs);
    }

    private string Answer(char kind, string input, CancellationToken cancellationToken)
    {
        if (_answers.TryGetValue((kind, input), out var known))
        {
            return known;
        }
        PlayerUrlParts parts;
        try
        {
            parts = kind == 'n'
                ? _runtime.Build(PlayerSolver.UrlWithN(input), "", "", cancellationToken)
                : _runtime.Build(PlayerSolver.UrlWithoutN, "sig", input, cancellationToken);
        }
        catch (PlayerScriptException ex)
        {
            throw Failure(ex.Message, ex);
        }
        var answer = kind == 'n' ? parts.N : parts.Signature;
        // The n function's own failure path returns "enhanced_except_…"; an unchanged value would be throttled.
        if (answer is not { Length: > 0 } || answer == input || answer.StartsWith("enhanced_except", StringComparison.Ordinal))
        {
            throw Failure($"its builder gave no usable {(kind == 'n' ? "n" : "signature")} for '{input}' ({parts.Failure ?? answer ?? "nothing"})");
        }
        if (_answers.Count > MaxRemembered)
        {
            _answers.Clear();
        }
        _answers[(kind, input)] = answer;
        return answer;
    }

    private ProblemException Failure(string detail, Exception? inner = null) =>
        new(ErrorCodes.UpstreamUnavailable, $"YouTube's stream URLs could not be deciphered with player {Version}: {detail}.", inner);
}
