using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using Aspire.Hosting.Orchestration;
using VideoPlatform.TestSupport.YouTube;

namespace VideoPlatform.AppHost.Tests;

/// <summary>
/// Two replicas each of metadata and streaming on one machine (<c>WithReplicas(2)</c>), sharing
/// one Redis: callers spread over both, what one replica cached is a hit on the other, and losing
/// a replica loses no request the other can serve.
/// </summary>
public sealed class ScaleOutTests : IAsyncLifetime
{
    private FakeYouTube _youtube = null!;
    private DistributedApplication _app = null!;

    public async Task InitializeAsync()
    {
        _youtube = await FakeYouTube.StartAsync();
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Program>();
        builder.CreateResourceBuilder<ProjectResource>("metadata").WithReplicas(2)
            .WithEnvironment("Platforms__YouTube__BaseUrl", _youtube.BaseUrl.ToString());
        builder.CreateResourceBuilder<ProjectResource>("streaming").WithReplicas(2);
        _app = await builder.BuildAsync();
        await _app.StartAsync();
        using var timeout = new CancellationTokenSource(CompositionFixture.StartTimeout);
        foreach (var name in new[] { "cache", "metadata", "streaming", "legacy" })
        {
            await _app.ResourceNotifications.WaitForResourceHealthyAsync(name, timeout.Token);
        }
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _youtube.DisposeAsync();
    }

    [Fact]
    public async Task Both_replicas_run_and_callers_are_spread_over_them()
    {
        var metadata = _app.GetEndpoints("metadata");
        Assert.Equal(2, metadata.Count);
        var instances = new HashSet<string>();
        foreach (var endpoint in metadata)
        {
            using var client = new HttpClient { BaseAddress = endpoint };
            using var response = await client.GetAsync("/api/v2/platforms");
            instances.Add(response.Headers.GetValues("X-Instance-Id").Single());
        }
        Assert.Equal(["metadata-0", "metadata-1"], instances.Order());

        // Legacy finds metadata by service discovery, which round-robins the two addresses.
        using var legacy = _app.CreateHttpClient("legacy");
        for (var i = 0; i < 20; i++)
        {
            (await legacy.GetAsync("/api/platforms")).EnsureSuccessStatusCode();
        }
        foreach (var endpoint in metadata)
        {
            using var client = new HttpClient { BaseAddress = endpoint };
            var scrape = await client.GetStringAsync("/metrics");
            Assert.Contains("http_route=\"/api/v2/platforms\"", scrape);
        }
    }

    [Fact]
    public async Task A_video_cached_through_one_replica_is_a_hit_on_the_other()
    {
        var (first, second) = (_app.GetEndpoints("metadata")[0], _app.GetEndpoints("metadata")[1]);
        using var one = new HttpClient { BaseAddress = first };
        using var other = new HttpClient { BaseAddress = second };

        (await one.GetAsync("/api/v2/videos/youtube/shortsVideo")).EnsureSuccessStatusCode();
        await WaitForRedisKeyAsync("*video:youtube:shortsVideo*");
        using var fromOther = await other.GetAsync("/api/v2/videos/youtube/shortsVideo");

        fromOther.EnsureSuccessStatusCode();
        Assert.Equal("metadata-1", fromOther.Headers.GetValues("X-Instance-Id").Single());
        Assert.Equal(1, _youtube.CallsFor("shortsVideo"));
    }

    [Fact]
    public void Both_streaming_replicas_get_one_token_key_so_a_token_one_signed_the_other_honours()
    {
        var snapshot = _app.ResourceNotifications.Snapshots.Single(s => s.Name == "streaming");
        Assert.Equal(2, snapshot.ProcessIds.Count);

        // The environment each replica process was started with, as the kernel keeps it.
        var keys = snapshot.ProcessIds.Select(pid => File.ReadAllText($"/proc/{pid}/environ").Split('\0')
                .Single(v => v.StartsWith("Streaming__TokenKey=", StringComparison.Ordinal)))
            .ToList();

        Assert.Single(keys.Distinct());
        Assert.Matches("^Streaming__TokenKey=[A-Za-z0-9]{32}$", keys[0]);
    }

    [Fact]
    public async Task Killing_one_replica_loses_no_request_the_other_can_serve()
    {
        var victim = Assert.IsType<int>(_app.ResourceNotifications.Snapshots.Single(s => s.Name == "metadata").ProcessIds.First());
        using var legacy = _app.CreateHttpClient("legacy");

        Process.GetProcessById(victim).Kill();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 20; i++)
        {
            using var response = await legacy.GetAsync("/api/platforms");
            statuses.Add(response.StatusCode);
        }

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
    }

    /// <summary>Asks Redis itself (RESP over TCP) until a key matching <paramref name="pattern"/> exists.</summary>
    private async Task WaitForRedisKeyAsync(string pattern)
    {
        var endpoint = _app.GetEndpoint("cache", "tcp");
        var password = RedisRuntime.ParsePassword(_app.GetConnectionString("cache")!)!;
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            using var client = new TcpClient();
            await client.ConnectAsync(endpoint.Host, endpoint.Port, deadline.Token);
            var stream = client.GetStream();
            await stream.WriteAsync(Encoding.ASCII.GetBytes(
                $"*2\r\n$4\r\nAUTH\r\n${password.Length}\r\n{password}\r\n*2\r\n$4\r\nKEYS\r\n${pattern.Length}\r\n{pattern}\r\n"), deadline.Token);
            var replies = await ReadAfterAuthAsync(stream, deadline.Token);
            if (!replies.StartsWith("*0", StringComparison.Ordinal))
            {
                return;
            }
            await Task.Delay(20, deadline.Token);
        }
    }

    /// <summary>The reply that follows AUTH's <c>+OK</c>; an AUTH refusal fails the test instead of reading as "no key".</summary>
    private static async Task<string> ReadAfterAuthAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var received = new StringBuilder();
        var buffer = new byte[4096];
        // Both replies' first lines: "+OK" and the header of KEYS' array.
        while (received.ToString().Split("\r\n").Length < 3)
        {
            var read = await stream.ReadAsync(buffer, cancellationToken);
            Assert.True(read > 0, "Redis closed the connection");
            received.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }
        var text = received.ToString();
        Assert.StartsWith("+OK\r\n", text);
        return text[5..];
    }
}
