using System.Text;
using System.Text.RegularExpressions;
using Acornima;
using Acornima.Ast;

namespace VideoPlatform.Metadata.Extractors.YouTube;

/// <summary>
/// Finds the signature and <c>n</c> transforms in a player's base.js by the shape of their syntax
/// trees, never by name (names change with every player build), and cuts out a small standalone
/// script that defines them as <c>__sig</c> and <c>__n</c> together with every declaration they
/// reach (helper objects, string tables), so that only that script ever runs.
/// </summary>
internal static partial class PlayerFunctionLocator
{
    /// <summary>A solver script this large means the dependency walk reached the whole player: refuse it.</summary>
    private const int MaxScriptLength = 512 * 1024;

    private static readonly HashSet<string> Globals =
    [
        "arguments", "undefined", "NaN", "Infinity", "Array", "String", "Number", "Math", "Object", "parseInt", "parseFloat",
        "isNaN", "isFinite", "RegExp", "Date", "JSON", "Boolean", "Error", "TypeError", "encodeURIComponent", "decodeURIComponent",
        "escape", "unescape", "Symbol", "Map", "Set", "Function", "Reflect", "Uint8Array", "BigInt",
    ];

    public static PlayerFunctions Locate(string version, string playerJs)
    {
        var sts = SignatureTimestamp().Match(playerJs) is { Success: true } match ? int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : (int?)null;

        Script program;
        try
        {
            program = new Parser(new ParserOptions { Tolerant = true }).ParseScript(playerJs);
        }
        catch (ParseErrorException ex)
        {
            return new PlayerFunctions(version, sts, null, $"the player script does not parse: {ex.Message}", null, "the player script does not parse");
        }

        var index = new ScopeIndex(playerJs);
        index.Walk(program, []);

        var (signatureSource, signatureError) = Build(index, index.SignatureCandidates, "__sig", "signature");
        // Where the player applies a function to the URL's n, that is the n function, whatever
        // its body looks like; the body's shape is the fallback.
        var applied = index.NCallSites.Select(index.ResolveFunction).OfType<(Node, Scope[])>().DistinctBy(c => index.SourceOf(c.Item1)).ToList();
        var (nSource, nError) = Build(index, applied.Count == 1 ? applied : index.NCandidates, "__n", "n");
        return new PlayerFunctions(version, sts, signatureSource, signatureError, nSource, nError);
    }

    private static (string? Source, string? Error) Build(ScopeIndex index, List<(Node Function, Scope[] Scopes)> candidates, string name, string what)
    {
        var distinct = candidates.DistinctBy(c => index.SourceOf(c.Function)).ToList();
        if (distinct.Count == 0)
        {
            return (null, $"no {what} function of the expected shape was found");
        }
        if (distinct.Count > 1)
        {
            return (null, $"{distinct.Count} different {what} functions match; refusing to guess");
        }

        var (function, scopes) = distinct[0];
        var script = new StringBuilder();
        var emitted = new HashSet<Node>();
        try
        {
            foreach (var free in FreeNames(function))
            {
                EmitDependency(index, free, scopes, script, emitted);
            }
        }
        catch (InvalidOperationException ex)
        {
            return (null, ex.Message);
        }
        script.Append("var ").Append(name).Append("=(").Append(index.SourceOf(function)).Append(");\n");
        return script.Length > MaxScriptLength
            ? (null, $"the {what} function reaches {script.Length} characters of the player; refusing to run that much")
            : (script.ToString(), null);
    }

    private static void EmitDependency(ScopeIndex index, string name, Scope[] scopes, StringBuilder script, HashSet<Node> emitted)
    {
        // Innermost scope first, as JavaScript resolves it.
        for (var i = scopes.Length - 1; i >= 0; i--)
        {
            if (!scopes[i].Declarations.TryGetValue(name, out var declaration))
            {
                continue;
            }
            if (!emitted.Add(declaration.Value))
            {
                return;
            }
            if (script.Length > MaxScriptLength)
            {
                throw new InvalidOperationException($"the transforms reach more than {MaxScriptLength} characters of the player; refusing to run that much");
            }
            // What the declaration itself needs comes first, so values computed at load time (a
            // string table split once) find their inputs defined.
            foreach (var free in FreeNames(declaration.Value))
            {
                if (free != name)
                {
                    EmitDependency(index, free, scopes[..(i + 1)], script, emitted);
                }
            }
            script.Append(declaration.Value is FunctionDeclaration
                ? index.SourceOf(declaration.Value)
                : $"var {name}=({index.SourceOf(declaration.Value)});").Append('\n');
            return;
        }
        if (!Globals.Contains(name))
        {
            throw new InvalidOperationException($"the transforms use '{name}', which the player defines nowhere they can see");
        }
    }

    /// <summary>Names a node reads but does not declare itself.</summary>
    private static IEnumerable<string> FreeNames(Node node)
    {
        var read = new List<string>();
        var declared = new HashSet<string>();
        Collect(node, read, declared);
        return read.Where(n => !declared.Contains(n)).Distinct();
    }

    private static void Collect(Node? node, List<string> read, HashSet<string> declared)
    {
        switch (node)
        {
            case null:
                return;
            case Identifier identifier:
                read.Add(identifier.Name);
                return;
            case MemberExpression member:
                Collect(member.Object, read, declared);
                if (member.Computed)
                {
                    Collect(member.Property, read, declared);
                }
                return;
            case Property property:
                if (property.Computed)
                {
                    Collect(property.Key, read, declared);
                }
                Collect(property.Value, read, declared);
                return;
            case IFunction function:
                if (function.Id is { } id)
                {
                    declared.Add(id.Name);
                }
                foreach (var parameter in function.Params)
                {
                    Declare(parameter, declared);
                }
                Collect(function.Body, read, declared);
                return;
            case VariableDeclarator declarator:
                Declare(declarator.Id, declared);
                Collect(declarator.Init, read, declared);
                return;
            case CatchClause clause:
                Declare(clause.Param, declared);
                Collect(clause.Body, read, declared);
                return;
            case LabeledStatement labeled:
                Collect(labeled.Body, read, declared);
                return;
            case BreakStatement or ContinueStatement:
                return;
        }
        foreach (var child in node.ChildNodes)
        {
            Collect(child, read, declared);
        }
    }

    private static void Declare(Node? pattern, HashSet<string> declared)
    {
        if (pattern is Identifier identifier)
        {
            declared.Add(identifier.Name);
            return;
        }
        if (pattern is not null)
        {
            foreach (var child in pattern.ChildNodes)
            {
                Declare(child, declared);
            }
        }
    }

    /// <summary>
    /// <c>function(a){a=a.split("");X.m(a,N);…;return a.join("")}</c>: one parameter split into
    /// characters, then only calls on one helper object with the array and a number, then joined.
    /// Requiring nothing but those calls in between keeps the n function (which also splits and
    /// joins) from matching.
    /// </summary>
    internal static bool IsSignatureShape(IFunction function)
    {
        if (function.Params is not [Identifier { Name: var a }] || function.Body is not FunctionBody { Body: var body } || body.Count < 3)
        {
            return false;
        }
        if (body[0] is not ExpressionStatement { Expression: AssignmentExpression { Left: Identifier { Name: var left }, Right: CallExpression { Callee: MemberExpression { Object: Identifier { Name: var split } } } } }
            || left != a || split != a)
        {
            return false;
        }
        if (body[^1] is not ReturnStatement { Argument: CallExpression { Callee: MemberExpression { Object: Identifier { Name: var joined } } } } || joined != a)
        {
            return false;
        }
        string? helper = null;
        for (var i = 1; i < body.Count - 1; i++)
        {
            if (body[i] is not ExpressionStatement { Expression: CallExpression { Callee: MemberExpression { Object: Identifier { Name: var obj } }, Arguments: [Identifier { Name: var arg }, NumericLiteral] } }
                || arg != a || (helper ??= obj) != obj)
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>
    /// The n transform: one parameter, a try/catch whose catch returns a string joined to that
    /// parameter (YouTube's "enhanced_except_…" fallback), and a final <c>return b.join("")</c>.
    /// </summary>
    internal static bool IsNShape(IFunction function)
    {
        if (function.Params is not [Identifier { Name: var a }] || function.Body is not FunctionBody { Body: var body } || body.Count < 2)
        {
            return false;
        }
        if (body[^1] is not ReturnStatement { Argument: CallExpression { Callee: MemberExpression, Arguments: [StringLiteral { Value: "" }] or [MemberExpression] } })
        {
            return false;
        }
        return body.Any(statement => statement is TryStatement { Handler.Body.Body: var handler }
            && handler.Any(h => h is ReturnStatement { Argument: BinaryExpression { Operator: Operator.Addition, Left: StringLiteral, Right: Identifier { Name: var name } } } && name == a));
    }

    /// <summary>True when the expression reads the URL's <c>n</c>: a <c>.get("n")</c> call in it.</summary>
    private static bool ReadsN(Node node) =>
        node is CallExpression { Callee: MemberExpression { Property: Identifier { Name: "get" } }, Arguments: [StringLiteral { Value: "n" }] }
        || node.ChildNodes.Any(ReadsN);

    /// <summary>The callees of <c>b=F(b)</c> assignments in the expression.</summary>
    private static IEnumerable<Expression> AppliedToSelf(Node node)
    {
        if (node is AssignmentExpression { Left: Identifier { Name: var target }, Right: CallExpression { Callee: var callee, Arguments: [Identifier { Name: var argument }] } }
            && argument == target && callee is Identifier or MemberExpression)
        {
            yield return callee;
        }
        foreach (var child in node.ChildNodes)
        {
            foreach (var found in AppliedToSelf(child))
            {
                yield return found;
            }
        }
    }

    /// <summary>A function's or the program's own declarations, <c>var</c>s hoisted as JavaScript does.</summary>
    internal sealed class Scope
    {
        public Dictionary<string, Declared> Declarations { get; } = [];
    }

    internal sealed record Declared(Node Value, bool IsAssignment);

    private sealed class ScopeIndex(string source)
    {
        public List<(Node Function, Scope[] Scopes)> SignatureCandidates { get; } = [];

        public List<(Node Function, Scope[] Scopes)> NCandidates { get; } = [];

        /// <summary>What <c>(b=a.get("n"))&amp;&amp;(b=F(b),…)</c> applies to n (<c>F</c> or <c>F[0]</c>), with the scopes it is written in.</summary>
        public List<(Expression Callee, Scope[] Scopes)> NCallSites { get; } = [];

        private readonly Dictionary<Node, Scope[]> _functionScopes = [];

        /// <summary>The function an identifier (or <c>name[index]</c> of an array) names, by the scopes at its use.</summary>
        public (Node Function, Scope[] Scopes)? ResolveFunction((Expression Callee, Scope[] Scopes) site)
        {
            var (callee, scopes) = site;
            var (name, element) = callee switch
            {
                Identifier id => (id.Name, (int?)null),
                MemberExpression { Object: Identifier id, Computed: true, Property: NumericLiteral { Value: var i } } => (id.Name, (int)i),
                _ => (null, null),
            };
            if (name is null)
            {
                return null;
            }
            for (var i = scopes.Length - 1; i >= 0; i--)
            {
                if (!scopes[i].Declarations.TryGetValue(name, out var declared))
                {
                    continue;
                }
                var value = declared.Value;
                if (element is { } index)
                {
                    if (value is not ArrayExpression { Elements: var items } || index >= items.Count || items[index] is not Expression item)
                    {
                        return null;
                    }
                    return item is IFunction ? (item, _functionScopes[item]) : ResolveFunction((item, scopes[..(i + 1)]));
                }
                return value is IFunction && _functionScopes.TryGetValue(value, out var own) ? (value, own) : null;
            }
            return null;
        }

        public string SourceOf(Node node) => source[node.Start..node.End];

        public void Walk(Node node, Scope[] scopes)
        {
            if (node is Script script)
            {
                var global = new Scope();
                scopes = [global];
                foreach (var statement in script.Body)
                {
                    WalkInScope(statement, scopes);
                }
                return;
            }
            WalkInScope(node, scopes);
        }

        private void WalkInScope(Node node, Scope[] scopes)
        {
            var current = scopes[^1];
            switch (node)
            {
                case IFunction function:
                    _functionScopes[node] = scopes;
                    if (node is FunctionDeclaration { Id: { } id })
                    {
                        current.Declarations.TryAdd(id.Name, new Declared(node, false));
                    }
                    if (IsSignatureShape(function))
                    {
                        SignatureCandidates.Add((node, scopes));
                    }
                    if (IsNShape(function))
                    {
                        NCandidates.Add((node, scopes));
                    }
                    Scope[] inner = [.. scopes, new Scope()];
                    foreach (var child in node.ChildNodes)
                    {
                        WalkInScope(child, inner);
                    }
                    return;
                case VariableDeclarator { Id: Identifier { Name: var name }, Init: { } init }:
                    Prefer(current, name, new Declared(init, false));
                    break;
                case ExpressionStatement { Expression: AssignmentExpression { Operator: Operator.Assignment, Left: Identifier { Name: var assigned }, Right: var value } }:
                    Prefer(current, assigned, new Declared(value, true));
                    break;
                case LogicalExpression { Operator: Operator.LogicalAnd, Left: var test, Right: var then } when ReadsN(test):
                    foreach (var callee in AppliedToSelf(then))
                    {
                        NCallSites.Add((callee, scopes));
                    }
                    break;
            }
            foreach (var child in node.ChildNodes)
            {
                WalkInScope(child, scopes);
            }
        }

        // An initialised declaration beats a later assignment; the first of each kind wins.
        private static void Prefer(Scope scope, string name, Declared declared)
        {
            if (!scope.Declarations.TryGetValue(name, out var known) || (known.IsAssignment && !declared.IsAssignment))
            {
                scope.Declarations[name] = declared;
            }
        }
    }

    [GeneratedRegex(@"(?:signatureTimestamp|sts)\s*:\s*(\d{5})")]
    private static partial Regex SignatureTimestamp();
}
