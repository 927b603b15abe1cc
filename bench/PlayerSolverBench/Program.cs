using System.Diagnostics;
using System.Globalization;
using VideoPlatform.Metadata.Extractors.YouTube;
using VideoPlatform.TestSupport.YouTube;

// The YouTube player solver on a real 2026 player (Fixtures/YouTube/Players): how long a cold solve
// takes (prepare, run the top-level code, find the builder), how long loading a kept solve takes (what
// another replica does), and what one stream URL costs once solved. Medians; see bench/README.md.
var version = args.Length > 0 ? args[0] : "4918c89a";
var rounds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 7;
var limits = PlayerRuntimeLimits.From(new PlayerSolverOptions(), new YouTubeOptions());
var script = RealPlayers.Script(version);
var oracle = RealPlayers.Oracle(version);

// One discarded round: the JIT compiles the parser and the interpreter on first use.
var (solved, runtime) = PlayerSolver.Solve(version, "main", script, limits, CancellationToken.None);
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
