using System.Net;
using System.Net.Sockets;

namespace VideoPlatform.AppHost.Tests;

/// <summary>
/// Redis on a port the engine chose, taken by another process while Redis was stopped: Redis comes
/// back on a free port, and a project started afterwards is given the new connection string.
/// A composition of its own, since the projects already running keep the old address.
/// </summary>
public sealed class RedisPortMoveTests : IAsyncLifetime
{
    private readonly CompositionFixture _composition = new();

    public Task InitializeAsync() => _composition.InitializeAsync();

    public Task DisposeAsync() => _composition.DisposeAsync();

    [Fact]
    public async Task A_taken_redis_port_moves_and_projects_started_later_use_the_new_one()
    {
        var app = _composition.App;
        using var timeout = new CancellationTokenSource(CompositionFixture.StartTimeout);
        var before = RedisRuntimePort(app.GetConnectionString("cache"));
        await app.StopResourceAsync("cache");

        using var squatter = new TcpListener(IPAddress.Loopback, before);
        squatter.Start();
        app.StartResource("cache");
        var cache = await app.ResourceNotifications.WaitForResourceHealthyAsync("cache", timeout.Token);

        var after = RedisRuntimePort(app.GetConnectionString("cache"));
        Assert.NotEqual(before, after);
        Assert.Equal($"localhost:{after},password=*****", cache.ConnectionString);

        // Metadata, started again, reaches Redis at its new address: Healthy, not Degraded.
        await app.StopResourceAsync("metadata");
        app.StartResource("metadata");
        var metadata = await app.ResourceNotifications.WaitForResourceHealthyAsync("metadata", timeout.Token);
        Assert.Equal(HealthStatus.Healthy, metadata.Health);
    }

    private static int RedisRuntimePort(string? connectionString)
    {
        Assert.NotNull(connectionString);
        var endpoint = connectionString.Split(',')[0];
        return int.Parse(endpoint[(endpoint.LastIndexOf(':') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
    }
}
