using System.Collections.Concurrent;
using System.Net;

namespace VideoPlatform.AppHost.Tests;

/// <summary>
/// Faults injected into the running composition while requests flow: Redis going away and
/// coming back, a service killed. Metadata runs with its production security on, so every
/// request also counts against a rate limit kept in Redis.
/// </summary>
public sealed class FaultTests : IAsyncLifetime
{
    private DistributedApplication _app = null!;

    public async Task InitializeAsync()
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Program>();
        builder.CreateResourceBuilder<ProjectResource>("metadata")
            .WithEnvironment("Security__Enabled", "true")
            .WithEnvironment("Security__RateLimit__PermitLimit", "100000");
        _app = await builder.BuildAsync();
        await _app.StartAsync();
        using var timeout = new CancellationTokenSource(CompositionFixture.StartTimeout);
        foreach (var name in new[] { "cache", "metadata", "streaming", "legacy" })
        {
            await _app.ResourceNotifications.WaitForResourceHealthyAsync(name, timeout.Token);
        }
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Requests_keep_succeeding_while_redis_stops_and_returns()
    {
        using var metadata = _app.CreateHttpClient("metadata");
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var statuses = new ConcurrentBag<HttpStatusCode>();
        using var load = new CancellationTokenSource();
        var workers = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            while (!load.IsCancellationRequested)
            {
                using var response = await metadata.GetAsync("/api/v2/platforms", CancellationToken.None);
                statuses.Add(response.StatusCode);
            }
        })).ToList();

        await WaitForRequestsAsync(statuses, 50, timeout.Token);
        Assert.True((await metadata.GetAsync("/api/v2/platforms")).Headers.Contains("X-RateLimit-Limit"), "rate limiting is on");

        await _app.StopResourceAsync("cache");
        await _app.ResourceNotifications.WaitForResourceAsync("metadata", s => s.Health == HealthStatus.Degraded, timeout.Token);
        var duringOutage = statuses.Count;
        await WaitForRequestsAsync(statuses, duringOutage + 50, timeout.Token);

        _app.StartResource("cache");
        await _app.ResourceNotifications.WaitForResourceHealthyAsync("metadata", timeout.Token);
        var afterReturn = statuses.Count;
        await WaitForRequestsAsync(statuses, afterReturn + 50, timeout.Token);

        await load.CancelAsync();
        await Task.WhenAll(workers);
        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.OK, status));
    }

    [Fact]
    public async Task While_metadata_is_down_legacy_answers_503_clearly_then_recovers()
    {
        using var legacy = _app.CreateHttpClient("legacy");
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await _app.ResourceNotifications.WaitForResourceHealthyAsync("metadata", timeout.Token);

        await _app.StopResourceAsync("metadata");
        try
        {
            using var down = await legacy.GetAsync("/api/platforms", timeout.Token);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, down.StatusCode);
            Assert.Equal("application/problem+json", down.Content.Headers.ContentType?.MediaType);
            // Legacy names the dependency that is down.
            Assert.Contains("metadata", await down.Content.ReadAsStringAsync(timeout.Token));

            using var health = await legacy.GetAsync("/api/health", timeout.Token);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
            Assert.Contains("metadata", await health.Content.ReadAsStringAsync(timeout.Token));
        }
        finally
        {
            _app.StartResource("metadata");
        }

        await _app.ResourceNotifications.WaitForResourceHealthyAsync("metadata", timeout.Token);
        using var back = await legacy.GetAsync("/api/platforms", timeout.Token);
        Assert.Equal(HttpStatusCode.OK, back.StatusCode);
    }

    [Fact]
    public async Task A_service_killed_under_load_is_restarted_and_legacy_answers_clearly_meanwhile()
    {
        using var legacy = _app.CreateHttpClient("legacy");
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        Assert.True(_app.ResourceNotifications.TryGetCurrentState("metadata", out var before));
        var pid = Assert.Single(before.ProcessIds);

        var answers = new ConcurrentQueue<(HttpStatusCode Status, string? MediaType)>();
        using var load = new CancellationTokenSource();
        var workers = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            while (!load.IsCancellationRequested)
            {
                using var response = await legacy.GetAsync("/api/platforms", CancellationToken.None);
                answers.Enqueue((response.StatusCode, response.Content.Headers.ContentType?.MediaType));
            }
        })).ToList();
        await WaitForAsync(() => answers.Count >= 20, timeout.Token);

        System.Diagnostics.Process.GetProcessById(pid).Kill();
        await _app.ResourceNotifications.WaitForResourceAsync("metadata",
            s => s.Restarts > before.Restarts && s.State == KnownResourceStates.Running && s.Health == HealthStatus.Healthy, timeout.Token);
        // After the restart, requests through legacy succeed again (once legacy's circuit to
        // metadata, opened by the outage, lets calls through).
        var restarted = answers.Count;
        await WaitForAsync(() => answers.Skip(restarted).Any(a => a.Status == HttpStatusCode.OK), timeout.Token);
        await load.CancelAsync();
        await Task.WhenAll(workers);

        Assert.True(_app.ResourceNotifications.TryGetCurrentState("metadata", out var after));
        Assert.NotEqual(pid, Assert.Single(after.ProcessIds));
        // Meanwhile every answer was a success or a clear 503 problem; never a 500, never a hang.
        Assert.All(answers, a => Assert.True(
            a.Status == HttpStatusCode.OK || (a.Status == HttpStatusCode.ServiceUnavailable && a.MediaType == "application/problem+json"),
            $"{(int)a.Status} {a.MediaType}"));
        using var back = await legacy.GetAsync("/api/platforms", timeout.Token);
        Assert.Equal(HttpStatusCode.OK, back.StatusCode);
    }

    private static async Task WaitForAsync(Func<bool> condition, CancellationToken cancellationToken)
    {
        while (!condition())
        {
            await Task.Delay(20, cancellationToken);
        }
    }

    private static async Task WaitForRequestsAsync(ConcurrentBag<HttpStatusCode> statuses, int count, CancellationToken cancellationToken)
    {
        while (statuses.Count < count)
        {
            await Task.Delay(20, cancellationToken);
        }
    }
}
