using VideoPlatform.Contracts;
using VideoPlatform.Metadata.Extractors;
using VideoPlatform.Metadata.Extractors.YouTube;

namespace VideoPlatform.Metadata.Tests.YouTube;

/// <summary>
/// Finding the transforms in player variants, and running them under the engine's limits. The
/// variants are the synthetic player with one thing changed, as YouTube's builds change.
/// </summary>
public sealed class PlayerFunctionLocatorTests
{
    private static readonly YouTubeOptions Limits = new();

    [Fact]
    public void The_synthetic_player_yields_both_transforms_and_its_signature_timestamp()
    {
        var functions = PlayerFunctionLocator.Locate("4fcd6e4a", SyntheticPlayer.Script);

        Assert.Equal(20472, functions.SignatureTimestamp);
        Assert.Null(functions.SignatureError);
        Assert.Null(functions.NError);
        // Only the transforms and what they reach are cut out, not the rest of the player.
        Assert.DoesNotContain("g.$t", functions.NScript);
        Assert.DoesNotContain("defineProperties", functions.SignatureScript);
        Assert.Contains("Kq=", functions.NScript);
        AssertSolves(functions);
    }

    [Fact]
    public void A_signature_function_declared_as_a_function_statement_is_found()
    {
        var player = SyntheticPlayer.Script.Replace("Ona=function(a){", "function Ona(a){", StringComparison.Ordinal)
            .Replace("Xq.Zt(a,7);return a.join(\"\")};", "Xq.Zt(a,7);return a.join(\"\")}", StringComparison.Ordinal);

        AssertSolves(PlayerFunctionLocator.Locate("v2", player));
    }

    [Fact]
    public void An_n_function_of_another_shape_is_found_where_the_player_applies_it_to_n()
    {
        // The catch no longer returns a literal joined to the input: only the call site tells.
        var player = SyntheticPlayer.Script.Replace("catch(k){return\"enhanced_except_ix8BkOz-_w8_\"+a}", "catch(k){return Kq[0]+a}", StringComparison.Ordinal);
        Assert.NotEqual(SyntheticPlayer.Script, player);

        AssertSolves(PlayerFunctionLocator.Locate("v3", player));
    }

    [Fact]
    public void Two_different_signature_functions_are_refused_rather_than_guessed()
    {
        var player = SyntheticPlayer.Script.Replace("g.zz=", "g.Yy=function(a){a=a.split(\"\");Xq.aF(a,1);return a.join(\"\")};g.zz=", StringComparison.Ordinal);

        var functions = PlayerFunctionLocator.Locate("v4", player);

        Assert.Null(functions.SignatureScript);
        Assert.Contains("refusing to guess", functions.SignatureError);
        var error = Assert.Throws<PlatformException>(() => new PlayerCipher(functions, Limits).Solve(["abc"], [], CancellationToken.None));
        Assert.Equal(ErrorCodes.UpstreamUnavailable, error.Code);
    }

    [Fact]
    public void A_transform_using_something_the_player_never_defines_is_refused()
    {
        var player = SyntheticPlayer.Script.Replace("c=Qx[Kq[6]];", "c=Qx[Kq[6]]+zzUndefinedTable.length;", StringComparison.Ordinal);

        var functions = PlayerFunctionLocator.Locate("v5", player);

        Assert.Null(functions.NScript);
        Assert.Contains("zzUndefinedTable", functions.NError);
    }

    [Theory]
    [InlineData("statements", "for(;;){}")]
    [InlineData("recursion", "(function f(x){return f(x)+1})(1);")]
    [InlineData("memory", "var m=[];for(;;){m.push(new Array(100000).join('x')+m.length)}")]
    public void A_runaway_transform_is_stopped_by_the_engine_limits(string limit, string runaway)
    {
        var options = new YouTubeOptions { PlayerScriptMaxStatements = limit == "statements" ? 100_000 : 50_000_000, PlayerScriptMaxMemoryBytes = 8 * 1024 * 1024 };
        var functions = new PlayerFunctions("v6", null, $"var __sig=function(a){{{runaway}return a}};", null, null, "none");

        var error = Assert.Throws<PlatformException>(() => new PlayerCipher(functions, options).Solve(["abc"], [], CancellationToken.None));

        Assert.Equal(ErrorCodes.UpstreamUnavailable, error.Code);
        Assert.Contains("signature function of player v6 failed", error.Message);
    }

    [Fact]
    public void An_n_answer_that_is_the_players_own_failure_value_is_refused()
    {
        var functions = new PlayerFunctions("v7", null, null, "none", "var __n=function(a){return \"enhanced_except_AAAA_\"+a};", null);

        var error = Assert.Throws<PlatformException>(() => new PlayerCipher(functions, Limits).Solve([], ["abcdef"], CancellationToken.None));

        Assert.Contains("no usable answer", error.Message);
    }

    private static void AssertSolves(PlayerFunctions functions)
    {
        const string scrambled = "AOq0QJ8wRQIhAKmL5dMSn1k6dTk3x8sxT0P2jVpR0hV9RyE3eEbR2HkWAiB7mBxVbHq-XcRr1KuZ0e9gY4xNw5hGmM2tPzQvCbY8cQ==";
        const string n = "T9xNoUe2aD7vVQ";

        var (signatures, ns) = new PlayerCipher(functions, Limits).Solve([scrambled], [n], CancellationToken.None);

        Assert.Equal(SyntheticPlayer.Signature(scrambled), signatures[scrambled]);
        Assert.Equal(SyntheticPlayer.N(n), ns[n]);
    }
}
