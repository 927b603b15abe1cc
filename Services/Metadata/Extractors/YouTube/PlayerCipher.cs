using System.Collections.Concurrent;
using Acornima.Ast;
using Jint;
using Jint.Runtime;
using VideoPlatform.Contracts;

namespace VideoPlatform.Metadata.Extractors.YouTube;

/// <summary>
/// One player version's transforms, run in Jint: an engine per batch (engines are not
/// thread-safe) with limits on time, memory, statements and recursion, since the script comes
/// from a third party. Answers are remembered: one response's formats share an <c>n</c> value,
/// and the same scrambled signatures come back while a video is popular.
/// </summary>
public sealed class PlayerCipher
{
    private const int MaxRemembered = 4096;
    private readonly (Prepared<Script>? Script, string? Error) _signature;
    private readonly (Prepared<Script>? Script, string? Error) _n;
    private readonly YouTubeOptions _options;
    private readonly ConcurrentDictionary<(char Kind, string Input), string> _answers = new();

    public PlayerCipher(PlayerFunctions functions, YouTubeOptions options)
    {
        Functions = functions;
        _options = options;
        _signature = Prepare(functions.SignatureScript, functions.SignatureError);
        _n = Prepare(functions.NScript, functions.NError);
    }

    public PlayerFunctions Functions { get; }

    public string Version => Functions.Version;

    public int? SignatureTimestamp => Functions.SignatureTimestamp;

    /// <summary>Deciphers scrambled signatures and transforms <c>n</c> values; every input gets an answer or this throws.</summary>
    public (IReadOnlyDictionary<string, string> Signatures, IReadOnlyDictionary<string, string> Ns) Solve(
        IReadOnlyCollection<string> signatures, IReadOnlyCollection<string> ns, CancellationToken cancellationToken)
    {
        var solvedSignatures = Run('s', signatures, _signature.Script, "__sig", _signature.Error, cancellationToken);
        var solvedNs = Run('n', ns, _n.Script, "__n", _n.Error, cancellationToken);
        foreach (var (input, output) in solvedNs)
        {
            // The n function's own failure path returns "enhanced_except_…"; an unchanged value would be throttled.
            if (output == input || output.StartsWith("enhanced_except", StringComparison.Ordinal) || output.Length == 0)
            {
                throw Failure($"the n function of player {Version} gave no usable answer for '{input}'");
            }
        }
        return (solvedSignatures, solvedNs);
    }

    private Dictionary<string, string> Run(char kind, IReadOnlyCollection<string> inputs, Prepared<Script>? script, string function,
        string? whyMissing, CancellationToken cancellationToken)
    {
        var answers = new Dictionary<string, string>(StringComparer.Ordinal);
        var missing = new List<string>();
        foreach (var input in inputs.Distinct())
        {
            if (_answers.TryGetValue((kind, input), out var known))
            {
                answers[input] = known;
            }
            else
            {
                missing.Add(input);
            }
        }
        if (missing.Count == 0)
        {
            return answers;
        }
        if (script is not { } prepared)
        {
            throw Failure($"player {Version} cannot be used to solve the {(kind == 's' ? "signature" : "n")} challenge: {whyMissing}");
        }

        try
        {
            var engine = new Engine(o => o
                .Strict(false)
                .LimitRecursion(_options.PlayerScriptMaxRecursion)
                .LimitMemory(_options.PlayerScriptMaxMemoryBytes)
                .TimeoutInterval(_options.PlayerScriptTimeout)
                .MaxStatements(_options.PlayerScriptMaxStatements)
                .CancellationToken(cancellationToken));
            engine.Execute(prepared);
            foreach (var input in missing)
            {
                var output = engine.Invoke(function, input);
                if (!output.IsString())
                {
                    throw Failure($"the {(kind == 's' ? "signature" : "n")} function of player {Version} returned {output.Type}, not a string");
                }
                answers[input] = output.AsString();
            }
        }
        catch (Exception ex) when (ex is JavaScriptException or StatementsCountOverflowException or MemoryLimitExceededException
                                       or RecursionDepthOverflowException or TimeoutException or ExecutionCanceledException or JintException)
        {
            cancellationToken.ThrowIfCancellationRequested();
            throw Failure($"the {(kind == 's' ? "signature" : "n")} function of player {Version} failed: {ex.Message}", ex);
        }

        if (_answers.Count > MaxRemembered)
        {
            _answers.Clear();
        }
        foreach (var input in missing)
        {
            _answers[(kind, input)] = answers[input];
        }
        return answers;
    }

    private static (Prepared<Script>? Script, string? Error) Prepare(string? source, string? whyMissing)
    {
        if (source is null)
        {
            return (null, whyMissing ?? "not found");
        }
        try
        {
            return (Engine.PrepareScript(source, "player-transforms.js"), null);
        }
        catch (Exception ex) when (ex is Acornima.ParseErrorException or JintException)
        {
            return (null, $"the cut-out script does not parse: {ex.Message}");
        }
    }

    private static PlatformException Failure(string detail, Exception? inner = null) =>
        new(ErrorCodes.UpstreamUnavailable, $"YouTube's stream URLs could not be deciphered: {detail}.", inner);
}
