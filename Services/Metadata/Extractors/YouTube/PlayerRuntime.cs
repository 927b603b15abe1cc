using Acornima.Ast;
using Jint;
using Jint.Constraints;
using Jint.Native;

namespace VideoPlatform.Metadata.Extractors.YouTube;

/// <summary>
/// One player version loaded in Jint: its top-level code has run, and its stream-URL builder (once
/// chosen) can be called. The engine is not thread-safe, so calls take turns; each runs under a time
/// budget, a statement and allocation budget and the engine's recursion limit, since the script is a
/// third party's.
/// </summary>
internal sealed class PlayerRuntime
{
    /// <summary>
    /// Calls a candidate builder the way the player does (stream URL, signature parameter name,
    /// scrambled signature) and reads back <c>alr</c>, <c>n</c> and the signature from the URL object it
    /// returns: through its own <c>get</c>, else from its text.
    /// </summary>
    private const string ProbeSource = """
        (function(build,url,sp,s){
          var built=build(url,sp,s);
          if(built==null)return null;
          var read;
          if(typeof built.get==="function"){
            read=function(k){var v=built.get(k);return v==null?null:String(v)};
          }else{
            var text=String(built),q=text.indexOf("?");
            if(q<0)return null;
            var pairs=text.slice(q+1).split("&");
            read=function(k){for(var i=0;i<pairs.length;i++){var e=pairs[i].indexOf("=");if(e>0&&pairs[i].slice(0,e)===k)return pairs[i].slice(e+1)}return null};
          }
          var n=read("n"),sig=sp?read(sp):null;
          return [read("alr"),n==null?null:decodeURIComponent(n),sig==null?null:decodeURIComponent(sig)];
        })
        """;

    private static readonly ScriptPreparationOptions Preparation = new()
    {
        // A parse, not more: the script runs once per engine, and compiling its regular
        // expressions or analysing it would cost more than that run.
        StaticAnalysis = false,
        ParsingOptions = ScriptParsingOptions.Default with { CompileRegex = false },
    };

    private readonly Engine _engine;
    private readonly OperationDeadlineConstraint _deadline;
    private readonly PlayerScriptBudget _budget;
    private readonly PlayerRuntimeLimits _limits;
    private readonly JsValue _probe;
    private readonly JsValue[] _candidates;
    private readonly Lock _turn = new();
    private JsValue? _builder;

    private PlayerRuntime(Engine engine, OperationDeadlineConstraint deadline, PlayerScriptBudget budget, PlayerRuntimeLimits limits,
        JsValue probe, JsValue[] candidates)
    {
        _engine = engine;
        _deadline = deadline;
        _budget = budget;
        _limits = limits;
        _probe = probe;
        _candidates = candidates;
    }

    public int CandidateCount => _candidates.Length;

    /// <summary>Runs the prepared player's top-level code; throws <see cref="PlayerScriptException"/> when it cannot.</summary>
    public static PlayerRuntime Load(string preparedScript, PlayerRuntimeLimits limits, CancellationToken cancellationToken)
    {
        Prepared<Script> prepared;
        try
        {
            prepared = Engine.PrepareScript(preparedScript, "player.js", options: Preparation);
        }
        catch (Exception ex) when (ex is Acornima.ParseErrorException or JintException)
        {
            throw new PlayerScriptException($"the prepared player does not parse: {ex.Message}", ex);
        }

        var deadline = new OperationDeadlineConstraint();
        var budget = new PlayerScriptBudget();
        var engine = new Engine(o => o
            .Strict(false)
            .LimitRecursion(limits.MaxRecursion)
            .Constraint(deadline)
            .Constraint(budget));
        RunGuarded(deadline, budget, limits.LoadTimeout, limits.LoadMaxAllocatedBytes, limits.LoadMaxStatements, cancellationToken,
            "the player's top-level code", () => engine.Execute(prepared));
        var probe = engine.Evaluate(ProbeSource);
        JsValue[] candidates = engine.GetValue(PlayerScriptPreparer.ExportName) is JsArray exported
            ? [.. Enumerable.Range(0, (int)exported.Length).Select(i => exported[(uint)i])]
            : [];
        return new PlayerRuntime(engine, deadline, budget, limits, probe, candidates);
    }

    /// <summary>What candidate <paramref name="index"/> makes of one stream URL, or why it could not.</summary>
    public PlayerUrlParts TryCandidate(int index, string url, string signatureParameter, string scrambled, CancellationToken cancellationToken)
    {
        try
        {
            return Call(_candidates[index], url, signatureParameter, scrambled, _limits.CandidateTimeout, cancellationToken);
        }
        catch (PlayerScriptException ex)
        {
            return new PlayerUrlParts(null, null, null, ex.Message);
        }
    }

    public void UseBuilder(int index) => _builder = _candidates[index];

    /// <summary>The builder's <c>n</c> and signature for one URL; throws <see cref="PlayerScriptException"/>.</summary>
    public PlayerUrlParts Build(string url, string signatureParameter, string scrambled, CancellationToken cancellationToken) =>
        Call(_builder ?? throw new InvalidOperationException("No builder has been chosen."), url, signatureParameter, scrambled,
            _limits.CallTimeout, cancellationToken);

    private PlayerUrlParts Call(JsValue builder, string url, string signatureParameter, string scrambled, TimeSpan timeout,
        CancellationToken cancellationToken)
    {
        JsValue result = JsValue.Undefined;
        lock (_turn)
        {
            RunGuarded(_deadline, _budget, timeout, _limits.CallMaxAllocatedBytes, _limits.CallMaxStatements, cancellationToken,
                "the stream-URL builder", () => result = _engine.Invoke(_probe, builder, url, signatureParameter, scrambled));
        }
        if (result is not JsArray { Length: 3 } parts)
        {
            return new PlayerUrlParts(null, null, null, "it returned no URL");
        }
        return new PlayerUrlParts(Text(parts[0]), Text(parts[1]), Text(parts[2]), null);
    }

    private static string? Text(JsValue value) => value.IsString() ? value.AsString() : null;

    private static void RunGuarded(OperationDeadlineConstraint deadline, PlayerScriptBudget budget, TimeSpan timeout, long maxAllocated,
        long maxStatements, CancellationToken cancellationToken, string what, Action run)
    {
        budget.MaxAllocatedBytes = maxAllocated;
        budget.MaxStatements = maxStatements;
        deadline.Begin(timeout, cancellationToken);
        try
        {
            run();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            cancellationToken.ThrowIfCancellationRequested();
            throw new PlayerScriptException($"{what} failed: {Describe(ex)}", ex);
        }
        finally
        {
            deadline.End();
        }
    }

    private static string Describe(Exception ex) => ex switch
    {
        TimeoutException => "it ran out of time",
        Jint.Runtime.RecursionDepthOverflowException => "it recursed too deeply",
        _ => ex.Message.Length > 300 ? ex.Message[..300] : ex.Message,
    };
}
