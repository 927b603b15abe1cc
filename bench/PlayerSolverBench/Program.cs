using System.Diagnostics;
using System.Globalization;
using VideoPlatform.Metadata.Extractors.YouTube;
using VideoPlatform.TestSupport.YouTube;

// The YouTube player solver on a real 2026 player (Fixtures/YouTube/Players): how long a cold solve
// takes (prepare, run the top-level code, find the builder), how long loading a kept solve takes (what
// another replica does), and what one stream URL costs once solved. Medians; see bench/README.md.
var positional = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToArray();
var version = positional.Length > 0 ? positional[0] : "4918c89a";
var rounds = positional.Length > 1 ? int.Parse(positional[1], CultureInfo.InvariantCulture) : 7;
var limits = PlayerRuntimeLimits.From(new PlayerSolverOptions(), new YouTubeOptions());
var script = RealPlayers.Script(version);
var oracle = RealPlayers.Oracle(version);

// One discarded round: the JIT compiles the parser and the interpreter on first use.
var (solved, runtime) = PlayerSolver.Solve(version, "main", script, limits, CancellationToken.None);
if (args.Contains("--stages"))
{
    // Where a cold solve's time goes: a parse of the player for comparison, then each stage.
    for (var i = 0; i < 3; i++)
    {
        var t0 = Stopwatch.GetTimestamp();
        new Acornima.Parser().ParseScript(script);
        var t1 = Stopwatch.GetTimestamp();
        var prepared = PlayerScriptPreparer.Prepare(script);
        var t2 = Stopwatch.GetTimestamp();
        var rt = PlayerRuntime.Load(prepared.Script, limits, CancellationToken.None);
        var t3 = Stopwatch.GetTimestamp();
        for (var c = 0; c < rt.CandidateCount; c++)
        {
            var c0 = Stopwatch.GetTimestamp();
            var parts = rt.TryCandidate(c, PlayerSolver.UrlWithN("abcdefghijklmnop"), "sig", "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", CancellationToken.None);
            Console.WriteLine($"  candidate {prepared.Candidates[c]}: {Stopwatch.GetElapsedTime(c0).TotalMilliseconds:0} ms {parts.Failure}");
        }
        var t4 = Stopwatch.GetTimestamp();
        Console.WriteLine($"parse {Stopwatch.GetElapsedTime(t0, t1).TotalMilliseconds:0} prepare {Stopwatch.GetElapsedTime(t1, t2).TotalMilliseconds:0} load {Stopwatch.GetElapsedTime(t2, t3).TotalMilliseconds:0} candidates {Stopwatch.GetElapsedTime(t3, t4).TotalMilliseconds:0}");
    }
    return;
}
// What one loaded player keeps alive (the service keeps two versions): managed heap with and without it.
var before = GC.GetTotalMemory(forceFullCollection: true);
var held = PlayerSolver.Load(solved, limits, CancellationToken.None);
var heldBytes = GC.GetTotalMemory(forceFullCollection: true) - before;
GC.KeepAlive(held);

var cold = Measure(rounds, () => PlayerSolver.Solve(version, "main", script, limits, CancellationToken.None));
var kept = Measure(rounds, () => PlayerSolver.Load(solved, limits, CancellationToken.None));

// Per URL, as a response is deciphered: each format its own scrambled signature, all sharing one n
// (answered once, then remembered), on a cipher that has answered before.
var cipher = new PlayerCipher(solved, runtime);
var signature = oracle.Signature.Keys.First();
cipher.Solve([signature], [oracle.N.Keys.First()], CancellationToken.None);
const int Urls = 200;
var perUrl = new List<double>();
var perN = new List<double>();
for (var round = 0; round < rounds; round++)
{
    var inputs = Enumerable.Range(0, Urls).Select(i => $"{signature[..^4]}{round:D2}{i:D2}").ToList();
    var started = Stopwatch.GetTimestamp();
    cipher.Solve(inputs, [], CancellationToken.None);
    perUrl.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds / Urls);
    var ns = Enumerable.Range(0, 20).Select(i => $"Zr7pLw2Hc9Qs{round:D2}{i:D2}").ToList();
    started = Stopwatch.GetTimestamp();
    cipher.Solve([], ns, CancellationToken.None);
    perN.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds / ns.Count);
}

Console.WriteLine($"player {version} ({script.Length:N0} characters), {rounds} rounds, {Environment.ProcessorCount} cores, load {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
Console.WriteLine("| metric | median | min | target |");
Console.WriteLine("| --- | --- | --- | --- |");
Row("cold solve (prepare, run top-level code, find the builder)", cold, "≤ 1000 ms");
Row("load of a kept solve (another replica)", kept, "—");
Row("per URL once solved (a new signature; n shared)", perUrl, "≤ 0.5 ms");
Row("per new n value", perN, "—");
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| managed memory one loaded player keeps | {heldBytes / 1048576.0:0} MiB | | — |"));

static List<double> Measure(int rounds, Action run)
{
    var times = new List<double>();
    for (var i = 0; i < rounds; i++)
    {
        var started = Stopwatch.GetTimestamp();
        run();
        times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }
    return times;
}

static void Row(string metric, List<double> times, string target)
{
    var sorted = times.Order().ToList();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {metric} | {sorted[sorted.Count / 2]:0.000} ms | {sorted[0]:0.000} ms | {target} |"));
}
