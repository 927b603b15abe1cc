using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;

namespace VideoPlatform.AppHost.Tests;

[Collection(CompositionCollection.Name)]
public sealed class CompositionTests(CompositionFixture composition)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(1);
    private DistributedApplication App => composition.App;

    [Fact]
    public async Task Every_resource_is_running_and_healthy_with_its_address()
    {
        using var timeout = new CancellationTokenSource(Deadline);
        foreach (var name in new[] { "cache", "metadata", "streaming", "legacy" })
        {
            var snapshot = await App.ResourceNotifications.WaitForResourceHealthyAsync(name, timeout.Token);
            Assert.Equal(KnownResourceStates.Running, snapshot.State);
            Assert.True(snapshot.Urls.Count > 0 || snapshot.ConnectionString is not null, $"{name} shows no address");
        }
    }

    [Fact]
    public async Task Legacy_reaches_metadata_through_service_discovery()
    {
        using var legacy = App.CreateHttpClient("legacy");
        using var metadata = App.CreateHttpClient("metadata");

        var viaLegacy = await legacy.GetFromJsonAsync<JsonElement>("/api/platforms");
        var direct = await metadata.GetFromJsonAsync<JsonElement>("/api/v2/platforms");

        var legacyIds = viaLegacy.GetProperty("supported_platforms").EnumerateArray().Select(p => p.GetProperty("platform_id").GetString());
        var metadataIds = direct.GetProperty("platforms").EnumerateArray().Select(p => p.GetProperty("name").GetString());
        Assert.Equal(metadataIds, legacyIds);
        Assert.Equal(viaLegacy.GetProperty("total_platforms").GetInt32(), legacyIds.Count());
    }

    [Fact]
    public async Task Legacy_health_reports_each_dependency()
    {
        using var timeout = new CancellationTokenSource(Deadline);
        await App.ResourceNotifications.WaitForResourceHealthyAsync("metadata", timeout.Token);
        await App.ResourceNotifications.WaitForResourceHealthyAsync("streaming", timeout.Token);
        using var legacy = App.CreateHttpClient("legacy");

        var health = await legacy.GetFromJsonAsync<JsonElement>("/api/health", timeout.Token);

        Assert.Equal("healthy", health.GetProperty("status").GetString());
        Assert.Equal("Healthy", health.GetProperty("services").GetProperty("metadata").GetProperty("status").GetString());
        Assert.Equal("Healthy", health.GetProperty("services").GetProperty("streaming").GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_chosen_port_another_process_took_meanwhile_is_exchanged_for_a_free_one()
    {
        using var timeout = new CancellationTokenSource(Deadline);
        await App.ResourceNotifications.WaitForResourceHealthyAsync("legacy", timeout.Token);
        var before = App.GetEndpoint("legacy");
        await App.StopResourceAsync("legacy");

        // Someone else binds the port while legacy is stopped, as a parallel run could.
        using var squatter = new TcpListener(IPAddress.Loopback, before.Port);
        squatter.Start();
        App.StartResource("legacy");
        var snapshot = await App.ResourceNotifications.WaitForResourceHealthyAsync("legacy", timeout.Token);

        var after = App.GetEndpoint("legacy");
        Assert.NotEqual(before.Port, after.Port);
        Assert.Equal([after.ToString().TrimEnd('/')], snapshot.Urls);
        using var legacy = App.CreateHttpClient("legacy");
        using var response = await legacy.GetAsync("/api/platforms", timeout.Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Losing_redis_degrades_health_but_requests_still_succeed_and_it_recovers()
    {
        using var timeout = new CancellationTokenSource(Deadline);
        try
        {
            await App.StopResourceAsync("cache");

            var metadata = await App.ResourceNotifications.WaitForResourceAsync("metadata",
                s => s.Health == HealthStatus.Degraded, timeout.Token);
            Assert.Contains("redis", metadata.HealthDescription, StringComparison.OrdinalIgnoreCase);
            await App.ResourceNotifications.WaitForResourceAsync("streaming", s => s.Health == HealthStatus.Degraded, timeout.Token);

            using var legacy = App.CreateHttpClient("legacy");
            using var response = await legacy.GetAsync("/api/platforms", timeout.Token);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        finally
        {
            App.StartResource("cache");
        }

        // Redis use resumes by itself once it is back.
        await App.ResourceNotifications.WaitForResourceHealthyAsync("cache", timeout.Token);
        await App.ResourceNotifications.WaitForResourceHealthyAsync("metadata", timeout.Token);
        await App.ResourceNotifications.WaitForResourceHealthyAsync("streaming", timeout.Token);
    }

    [Fact]
    public async Task A_crashed_project_is_restarted_and_becomes_healthy_again()
    {
        using var timeout = new CancellationTokenSource(Deadline);
        var before = await App.ResourceNotifications.WaitForResourceHealthyAsync("streaming", timeout.Token);
        var pid = Assert.Single(before.ProcessIds);

        // Watched from before the kill, so that the short backoff cannot be missed.
        var crashed = App.ResourceNotifications.WaitForResourceAsync("streaming",
            s => KnownResourceStates.IsTerminal(s.State), timeout.Token);
        Process.GetProcessById(pid).Kill();

        // The crash is published together with the coming restart: whatever waits for streaming
        // does not take it for the end.
        var down = await crashed;
        Assert.Equal((KnownResourceStates.Finished, true), (down.State, down.RestartPending));
        var after = await App.ResourceNotifications.WaitForResourceAsync("streaming",
            s => s.Restarts > before.Restarts && s.State == KnownResourceStates.Running && s.Health == HealthStatus.Healthy,
            timeout.Token);
        Assert.NotEqual(pid, Assert.Single(after.ProcessIds));
    }
}

[CollectionDefinition(Name)]
public sealed class CompositionCollection : ICollectionFixture<CompositionFixture>
{
    public const string Name = "composition";
}
