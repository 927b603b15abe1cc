using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using VideoPlatform.TestSupport;

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
        foreach (var name in CompositionFixture.Resources)
        {
            var resource = await App.ResourceNotifications.WaitForResourceHealthyAsync(name, timeout.Token);
            Assert.Equal(KnownResourceStates.Running, resource.Snapshot.State?.Text);
            Assert.NotEmpty(resource.Snapshot.Urls);
        }
        Assert.Matches("^localhost:[0-9]+,password=[A-Za-z0-9]{22}$", await App.GetConnectionStringAsync("cache", timeout.Token));
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
        using var legacy = App.CreateHttpClient("legacy");

        var health = await legacy.GetFromJsonAsync<JsonElement>("/api/health", timeout.Token);

        Assert.Equal("healthy", health.GetProperty("status").GetString());
        Assert.Equal("Healthy", health.GetProperty("services").GetProperty("metadata").GetProperty("status").GetString());
        Assert.Equal("Healthy", health.GetProperty("services").GetProperty("streaming").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Losing_redis_degrades_health_but_it_still_answers_200_requests_succeed_and_it_recovers()
    {
        using var timeout = new CancellationTokenSource(Deadline);
        var cache = App.Resource("cache");
        using var metadata = App.CreateHttpClient("metadata");
        using var legacy = App.CreateHttpClient("legacy");
        try
        {
            await App.ResourceCommands.ExecuteCommandAsync(cache, KnownResourceCommands.StopCommand, timeout.Token);

            // Kubernetes must not pull a pod that still serves: /health stays 200, and says Degraded.
            var degraded = await Wait.UntilAsync(async () =>
            {
                using var health = await metadata.GetAsync("/health", timeout.Token);
                var body = await health.Content.ReadAsStringAsync(timeout.Token);
                return health.StatusCode == HttpStatusCode.OK && body.Contains("\"Degraded\"") ? body : null;
            }, timeout.Token);
            Assert.Contains("Redis", degraded);

            using var response = await legacy.GetAsync("/api/platforms", timeout.Token);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        finally
        {
            await App.ResourceCommands.ExecuteCommandAsync(cache, KnownResourceCommands.StartCommand, CancellationToken.None);
        }

        // Redis use resumes by itself once it is back.
        await App.ResourceNotifications.WaitForResourceHealthyAsync("cache", timeout.Token);
        await Wait.UntilAsync(async () =>
        {
            var body = await metadata.GetStringAsync("/health", timeout.Token);
            return body.Contains("\"status\": \"Healthy\"", StringComparison.Ordinal) || body.StartsWith("{\"status\":\"Healthy\"", StringComparison.Ordinal) ? body : null;
        }, timeout.Token);
    }

    [Fact]
    public async Task While_metadata_is_down_legacy_answers_503_clearly_then_recovers()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var metadata = App.Resource("metadata");
        using var legacy = App.CreateHttpClient("legacy");

        await App.ResourceCommands.ExecuteCommandAsync(metadata, KnownResourceCommands.StopCommand, timeout.Token);
        try
        {
            using var down = await legacy.GetAsync("/api/platforms", timeout.Token);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, down.StatusCode);
            Assert.Equal("application/problem+json", down.Content.Headers.ContentType?.MediaType);
            // DCP's proxy holds the connection of a stopped service open, as a dead node would:
            // legacy's time limit ends the wait, with the stable code for a missing dependency.
            var problem = await down.Content.ReadAsStringAsync(timeout.Token);
            Assert.True(problem.Contains("\"code\":\"upstream_unavailable\""), problem);
        }
        finally
        {
            await App.ResourceCommands.ExecuteCommandAsync(metadata, KnownResourceCommands.StartCommand, CancellationToken.None);
        }

        await App.ResourceNotifications.WaitForResourceHealthyAsync("metadata", timeout.Token);
        // Once legacy's circuit to metadata, opened by the outage, lets calls through again.
        await Wait.UntilAsync(async () =>
        {
            using var back = await legacy.GetAsync("/api/platforms", timeout.Token);
            return back.StatusCode == HttpStatusCode.OK ? back : null;
        }, timeout.Token);
    }

    [Fact]
    public async Task Redis_requires_the_password_its_connection_string_carries_which_is_on_no_command_line()
    {
        using var timeout = new CancellationTokenSource(Deadline);
        var connectionString = (await App.GetConnectionStringAsync("cache", timeout.Token))!;
        var password = connectionString.Split(",password=")[1];
        var endpoint = App.GetEndpoint("cache", "tcp");

        Assert.StartsWith("-NOAUTH", await Resp.SendAsync(endpoint, timeout.Token, "PING"));
        Assert.Equal("+OK|+PONG", await Resp.SendAsync(endpoint, timeout.Token, "AUTH " + password, "PING"));

        var redis = (await App.PidsAsync("cache", timeout.Token)).Single();
        Assert.DoesNotContain(password, File.ReadAllText($"/proc/{redis}/cmdline"));
        // It came in a file only this user could read, gone once Redis was ready.
        Assert.False(File.Exists(Assert.IsType<VideoPlatform.AppHost.LocalRedisResource>(App.Resource("cache")).ConfigurationFile));
        Assert.DoesNotContain(App.Snapshot("cache").Properties, p => p.Value?.ToString()?.Contains(password) == true && !p.IsSensitive);
    }
}
