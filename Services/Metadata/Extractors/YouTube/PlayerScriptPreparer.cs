using System.Text;
using Acornima;
using Acornima.Ast;

namespace VideoPlatform.Metadata.Extractors.YouTube;

/// <summary>
/// Turns a player script (main <c>player_ias</c>, <c>player_es6</c> or <c>tv-player-ias</c>) into one
/// that runs without a browser: the player's top-level code is kept as it is, except statements that
/// only do things to the page (a bare call registering a module, starting a timer), which are left
/// out, and statements that compute something and may touch an absent browser API, which are made
/// unable to stop the rest. Its end hands the functions that may build a stream URL (those that set
/// <c>alr</c>) to the host, which then tries them: nothing here knows how the cipher helpers look.
/// </summary>
internal static class PlayerScriptPreparer
{
    /// <summary>The global through which the prepared script hands its candidates to the host.</summary>
    public const string ExportName = "__ytSolverCandidates";

    /// <summary>Browser globals the player's top-level code reads, stubbed as a headless page would have them.</summary>
    private const string Stubs = """
        var __ytGlobal=this;
        var __ytSolverCandidates=[];
        var window=__ytGlobal,self=__ytGlobal;
        var document={createElement:function(){return{style:{},setAttribute:function(){},appendChild:function(){}}},getElementsByTagName:function(){return[]},querySelector:function(){return null},addEventListener:function(){},documentElement:{style:{}},location:null};
        var navigator={userAgent:"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/141.0.0.0 Safari/537.36",language:"en-US",languages:["en-US"],platform:"Linux x86_64",vendor:"Google Inc.",cookieEnabled:true};
        var location={href:"https://www.youtube.com/watch?v=dQw4w9WgXcQ",origin:"https://www.youtube.com",protocol:"https:",host:"www.youtube.com",hostname:"www.youtube.com",port:"",pathname:"/watch",search:"?v=dQw4w9WgXcQ",hash:""};
        document.location=location;
        var XMLHttpRequest=function(){};XMLHttpRequest.prototype={};
        var setTimeout=function(){return 0},clearTimeout=function(){},setInterval=function(){return 0},clearInterval=function(){},requestAnimationFrame=function(){return 0};

        """;

    private static readonly OnRegExpHandler SkipRegExp = (in RegExpParsingContext _) => RegExpParseResult.ForSuccess(null, null);

    public static PreparedPlayerScript Prepare(string player)
    {
        Script program;
        try
        {
            // Regular expressions are left for Jint to read when it runs the script: validating them
            // here too would cost a third of this parse.
            program = new Parser(new ParserOptions { Tolerant = true, OnRegExp = SkipRegExp }).ParseScript(player);
        }
        catch (ParseErrorException ex)
        {
            throw new PlayerScriptException($"the player script does not parse: {ex.Message}", ex);
        }

        var body = FindPlayerBody(program)
            ?? throw new PlayerScriptException("the player script is not one function run at load time, as players are");

        var script = new StringBuilder(player.Length + Stubs.Length + 4096);
        script.Append(Stubs);
        script.Append(player, 0, body.Start + 1);
        var candidates = new List<string>();
        foreach (var statement in body.Body)
        {
            Emit(player, statement, script, candidates);
        }
        foreach (var candidate in candidates)
        {
            script.Append("\ntry{").Append(ExportName).Append(".push(").Append(candidate).Append(")}catch(__e){}");
        }
        script.Append('\n');
        script.Append(player, body.End - 1, player.Length - body.End + 1);
        return new PreparedPlayerScript(script.ToString(), candidates);
    }

    /// <summary>
    /// The body of the function that holds the player: <c>(function(g){…})(_yt_player)</c> in the web
    /// players, <c>(function(){…}).call(this)</c> in the TV ones; the largest, if a build has more.
    /// </summary>
    private static FunctionBody? FindPlayerBody(Script program)
    {
        FunctionBody? found = null;
        foreach (var statement in program.Body)
        {
            if (statement is ExpressionStatement { Expression: CallExpression call }
                && (call.Callee as FunctionExpression
                    ?? (call.Callee as MemberExpression)?.Object as FunctionExpression) is { } function
                && (found is null || function.Body.End - function.Body.Start > found.End - found.Start))
            {
                found = function.Body;
            }
        }
        return found;
    }

    private static void Emit(string source, Statement statement, StringBuilder script, List<string> candidates)
    {
        var text = source.AsSpan(statement.Start, statement.End - statement.Start);
        switch (statement)
        {
            case Directive:
                script.Append(text).Append('\n');
                return;
            case ExpressionStatement { Expression: var expression }:
                if (!IsAssignment(expression))
                {
                    // A call, a `new`, an `&&` chain: work done to the page, not a definition.
                    return;
                }
                if (expression is AssignmentExpression { Right: IFunction assigned } assignment && IsCandidate(source, assigned)
                    && assignment.Left is Identifier or MemberExpression { Computed: false, Object: Identifier })
                {
                    candidates.Add(source[assignment.Left.Start..assignment.Left.End]);
                }
                script.Append("try{").Append(text).Append("}catch(__e){}\n");
                return;
            case VariableDeclaration declaration when declaration.Declarations.All(d => d.Id is Identifier):
                EmitVar(source, declaration, script, candidates);
                return;
            case ClassDeclaration { Id: { } className }:
                // `extends` something the page would have defined must not stop the rest either.
                script.Append("let ").Append(className.Name).Append(";try{").Append(className.Name).Append('=').Append(text)
                    .Append("}catch(__e){}\n");
                return;
            case FunctionDeclaration { Id: { } id } function:
                if (IsCandidate(source, function))
                {
                    candidates.Add(id.Name);
                }
                script.Append(text).Append('\n');
                return;
            case Declaration:
                // Destructuring declarations stay as they are.
                script.Append(text).Append('\n');
                return;
            default:
                script.Append("try{").Append(text).Append("}catch(__e){}\n");
                return;
        }
    }

    /// <summary>
    /// <c>var a=x(),b=…</c> becomes <c>var a,b;</c> and one guarded assignment per initialiser, so that
    /// a value that needs the page leaves only itself undefined; <c>let</c> and <c>const</c> the same
    /// as <c>let</c> (a binding assigned once right after its declaration behaves as the constant did).
    /// </summary>
    private static void EmitVar(string source, VariableDeclaration declaration, StringBuilder script, List<string> candidates)
    {
        script.Append(declaration.Kind == VariableDeclarationKind.Var ? "var " : "let ");
        var first = true;
        foreach (var declarator in declaration.Declarations)
        {
            script.Append(first ? "" : ",").Append(((Identifier)declarator.Id).Name);
            first = false;
        }
        script.Append(";\n");
        foreach (var declarator in declaration.Declarations)
        {
            if (declarator.Init is not { } init)
            {
                continue;
            }
            var name = ((Identifier)declarator.Id).Name;
            if (init is IFunction function && IsCandidate(source, function))
            {
                candidates.Add(name);
            }
            script.Append("try{").Append(name).Append('=').Append(source, init.Start, init.End - init.Start).Append("}catch(__e){}\n");
        }
    }

    private static bool IsAssignment(Expression expression) => expression switch
    {
        AssignmentExpression => true,
        SequenceExpression sequence => sequence.Expressions.All(IsAssignment),
        _ => false,
    };

    /// <summary>
    /// A function that may build stream URLs: it mentions <c>alr</c> and takes what a builder takes (the
    /// URL, the signature's parameter name, the scrambled signature; a build may add or drop one). Methods
    /// (<c>X.prototype.m</c>) are not: they need an instance the host cannot make.
    /// </summary>
    private static bool IsCandidate(string source, IFunction function) =>
        function.Params.Count is >= 2 and <= 4
        && source.AsSpan(function.Start, function.End - function.Start).Contains("alr", StringComparison.Ordinal);
}
