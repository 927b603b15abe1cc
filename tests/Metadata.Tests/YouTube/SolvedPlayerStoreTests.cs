using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using VideoPlatform.Metadata.Extractors.YouTube;
using VideoPlatform.TestSupport;

namespace VideoPlatform.Metadata.Tests.YouTube;

/// <summary>
/// Replicas sharing solved players through a real redis-server: however many requests for a new
/// version arrive at however many replicas at once, one of them solves it and the others use its answer.
/// </summary>
public sealed class SolvedPlayerStoreTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>
{
    [Fact]
    public async Task Concurrent_requests_on_two_replicas_solve_a_version_once()
    {
        using var connectionA = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        using var connectionB = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        var replicas = new[] { Store(connectionA), Store(connectionB) };
        var solves = 0;
        var loads = 0;
        var version = $"v{Guid.NewGuid():N}"[..9];

        var answers = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => replicas[i % 2].SolveOnceAsync(version,
            (stored, _) =>
            {
                Interlocked.Increment(ref loads);
                return stored.Builder;
            },
            async token =>
            {
                Interlocked.Increment(ref solves);
                // Long enough for every other request to find the solve under way.
                await Task.Delay(TimeSpan.FromMilliseconds(600), token);
                return (Solved(version), "solved here");
            },
            CancellationToken.None)).Select(t => t.WaitAsync(TimeSpan.FromSeconds(30))));

        Assert.Equal(1, solves);
        Assert.Equal(15, loads);
        Assert.Single(answers, a => a == "solved here");
        Assert.All(answers.Where(a => a != "solved here"), a => Assert.Equal("g.builder", a));
    }

    [Fact]
    public async Task A_kept_solve_that_no_longer_loads_is_solved_again()
    {
        using var connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        var store = Store(connection);
        var version = $"v{Guid.NewGuid():N}"[..9];
        await store.SolveOnceAsync(version, (_, _) => "", _ => Task.FromResult((Solved(version), "first")), CancellationToken.None);

        var answer = await store.SolveOnceAsync(version,
            (_, _) => throw new PlayerScriptException("the stored builder no longer builds stream URLs"),
            _ => Task.FromResult((Solved(version), "solved again")),
            CancellationToken.None);

        Assert.Equal("solved again", answer);
    }

    [Fact]
    public async Task Without_redis_each_replica_solves_for_itself()
    {
        var store = Store(null);

        var answer = await store.SolveOnceAsync("v0", (_, _) => "loaded", _ => Task.FromResult((Solved("v0"), "solved")), CancellationToken.None);

        Assert.Equal("solved", answer);
    }

    private static SolvedPlayerStore Store(IConnectionMultiplexer? connection)
    {
        var services = new ServiceCollection();
        if (connection is not null)
        {
            services.AddSingleton(connection);
        }
        return new SolvedPlayerStore(services.BuildServiceProvider(),
            Options.Create(new PlayerSolverOptions { SolveWaitPollInterval = TimeSpan.FromMilliseconds(20) }),
            Options.Create(new YouTubeOptions()), TimeProvider.System, NullLogger<SolvedPlayerStore>.Instance);
    }

    private static SolvedPlayer Solved(string version) => new(version, PlayerSolver.Version, "main", 20472, "var x;", 0, "g.builder");
}
