using Microsoft.Extensions.Hosting;
using VideoPlatform.Contracts;
using VideoPlatform.Metadata.Extractors.YouTube;
using VideoPlatform.TestSupport.YouTube;

namespace VideoPlatform.Metadata.Tests.YouTube;

/// <summary>
/// The solver on real players recorded from 2025 to mid-2026 (<see cref="RealPlayers"/>): each must
/// give, for the oracle's challenges, exactly the oracle's answers. And on hostile or broken scripts
/// (invented, inline): each must fail clearly within its limits.
/// </summary>
[Collection(PlayerSolvingCollection.Name)]
public sealed class PlayerSolverTests
{
    private static readonly PlayerRuntimeLimits Limits = PlayerRuntimeLimits.From(new PlayerSolverOptions(), new YouTubeOptions());

    public static TheoryData<string> Versions => [.. RealPlayers.Versions];

    [Theory]
    [MemberData(nameof(Versions))]
    public void A_real_player_deciphers_signatures_and_n_as_the_oracle_does(string version)
    {
        var oracle = RealPlayers.Oracle(version);

        var (solved, runtime) = PlayerSolver.Solve(version, "main", RealPlayers.Script(version), Limits, CancellationToken.None);
        var (signatures, ns) = new PlayerCipher(solved, runtime).Solve([.. oracle.Signature.Keys], [.. oracle.N.Keys], CancellationToken.None);

        Assert.Equal(oracle.Signature.OrderBy(p => p.Key), signatures.OrderBy(p => p.Key));
        Assert.Equal(oracle.N.OrderBy(p => p.Key), ns.OrderBy(p => p.Key));
        Assert.Equal(PlayerSolver.Version, solved.SolverVersion);
        Assert.InRange(solved.SignatureTimestamp ?? 0, 20100, 20700);
    }

    [Fact]
    public void A_kept_solve_loaded_again_answers_the_same()
    {
        var oracle = RealPlayers.Oracle("4918c89a");
        var (solved, _) = PlayerSolver.Solve("4918c89a", "main", RealPlayers.Script("4918c89a"), Limits, CancellationToken.None);

        var loaded = new PlayerCipher(solved, PlayerSolver.Load(solved, Limits, CancellationToken.None));
        var (signatures, ns) = loaded.Solve([.. oracle.Signature.Keys], [.. oracle.N.Keys], CancellationToken.None);

        Assert.Equal(oracle.Signature.OrderBy(p => p.Key), signatures.OrderBy(p => p.Key));
        Assert.Equal(oracle.N.OrderBy(p => p.Key), ns.OrderBy(p => p.Key));
    }

    [Fact]
    public void The_signature_timestamp_is_read_from_the_player()
    {
        Assert.Equal(20472, PlayerSolver.SignatureTimestamp(RealPlayers.Script("c9168c90")));
        Assert.Equal(20632, PlayerSolver.SignatureTimestamp(RealPlayers.Script("4918c89a")));
        Assert.Null(PlayerSolver.SignatureTimestamp("var _yt_player={};"));
    }

    // Invented hostile players: each must be stopped by a limit, not hang the caller or take the process down.
    // The time budget is short only where time is what is tested: the others must hit their own limit first.
    [Theory]
    [InlineData("loops", "for(;;){}", 2, "ran out of time")]
    [InlineData("recurses", "var r=function(n){return r(n+1)+1};var x=r(0);", 60, "recursed too deeply")]
    [InlineData("allocates", "var a=[];for(var i=0;;i++){a.push(new Array(1000).join(String(i)))}", 60, "allocated more than")]
    public void A_hostile_player_is_stopped_by_its_limits(string what, string body, int seconds, string reason)
    {
        var limits = Limits with
        {
            LoadTimeout = TimeSpan.FromSeconds(seconds),
            LoadMaxAllocatedBytes = 64L * 1024 * 1024,
            LoadMaxStatements = long.MaxValue,
        };
        var player = $"var _yt_player={{}};(function(g){{var window=this;{body}g.b=function(u,sp,s){{return \"alr\"}};}})(_yt_player);";

        var started = System.Diagnostics.Stopwatch.StartNew();
        var error = Assert.Throws<PlayerScriptException>(() => PlayerSolver.Solve(what, "main", player, limits, CancellationToken.None));

        Assert.Contains(reason, error.Message);
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(seconds + 30), $"{what} took {started.Elapsed}");
    }

    [Fact]
    public void A_builder_that_never_returns_is_given_up_on_for_each_call()
    {
        var player = "var _yt_player={};(function(g){var window=this;"
                     + "g.b=function(u,sp,s){var q={alr:\"yes\",n:\"x\"+u.slice(-6),sig:\"y\"+s};return{get:function(k){return q[k]}}};"
                     + "g.c=function(u,sp,s){for(;;){}return \"alr\"};})(_yt_player);";
        var limits = Limits with { CandidateTimeout = TimeSpan.FromMilliseconds(300) };

        var (solved, _) = PlayerSolver.Solve("v1", "main", player, limits, CancellationToken.None);

        Assert.Equal("g.b", solved.Builder);
    }

    [Fact]
    public void A_tv_shaped_player_whose_top_level_code_needs_the_page_is_still_solved()
    {
        // Invented, in the TV build's frame ((function(){…}).call(this), strict), with statements a
        // headless run cannot complete: each must leave only itself undone.
        var player = "'use strict';(function(){var window=this;"
                     + "const frame=document.body.getBoundingClientRect();"
                     + "class Element2 extends HTMLElement{};"
                     + "var late=window.matchMedia(\"(x)\").matches,table=\"n;sig\".split(\";\");"
                     + "window.addEventListener(\"load\",function(){});"
                     + "let build=function(u,sp,s){var q={};q.alr=\"yes\";q[table[0]]=\"t\"+u.slice(-6);q[table[1]]=s.split(\"\").reverse().join(\"\");"
                     + "return{get:function(k){return q[k]}}};"
                     + "}).call(this);";

        var (solved, runtime) = PlayerSolver.Solve("7e57a11d", "tv", player, Limits, CancellationToken.None);
        var (signatures, ns) = new PlayerCipher(solved, runtime).Solve(["abc"], ["n0n0n0n0"], CancellationToken.None);

        Assert.Equal("build", solved.Builder);
        Assert.Equal("cba", signatures["abc"]);
        Assert.Equal("tn0n0n0", ns["n0n0n0n0"]);
    }

    [Fact]
    public void An_unsolvable_player_says_which_candidates_it_tried_and_why()
    {
        var player = "var _yt_player={};(function(g){var window=this;g.b=function(u,sp,s){return{get:function(k){return k===\"alr\"?\"yes\":null}}};})(_yt_player);";

        var error = Assert.Throws<PlayerScriptException>(() => PlayerSolver.Solve("v2", "main", player, Limits, CancellationToken.None));

        Assert.Contains("g.b", error.Message);
    }

    [Fact]
    public void A_cipher_whose_builder_fails_later_is_upstream_unavailable_naming_the_version()
    {
        // Invented: a builder that answers the solver's probe and nothing else.
        var player = "var _yt_player={};(function(g){var window=this;var seen=0;"
                     + "g.b=function(u,sp,s){if(++seen>3)throw new Error(\"gone\");var q={alr:\"yes\",n:\"x\"+u.slice(-6),sig:\"y\"+s};return{get:function(k){return q[k]}}};})(_yt_player);";
        var (solved, runtime) = PlayerSolver.Solve("5eed5eed", "main", player, Limits, CancellationToken.None);

        var error = Assert.Throws<ProblemException>(() => new PlayerCipher(solved, runtime).Solve(["abc"], [], CancellationToken.None));

        Assert.Equal(ErrorCodes.UpstreamUnavailable, error.Code);
        Assert.Contains("player 5eed5eed", error.Message);
    }
}
